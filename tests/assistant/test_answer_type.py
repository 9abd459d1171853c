import pytest

from assistant.answer_type import Figure, has_figure, wanted_figure


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("What share of the outcomes did UN-Habitat contribute to?", Figure.SHARE),
        ("Quel montant de la redevance n'a pas été perçu ?", Figure.MONEY),
        ("How much did UNFPA pay to the cost-sharing in 2024?", Figure.MONEY),
        ("2024 年项目署的预算是多少？", Figure.MONEY),
        ("When was the travel module rolled out?", Figure.DATE),
        ("¿Desde cuándo informa ONU-Hábitat a la Junta?", Figure.DATE),
        ("متى تم تعميم وحدة السفر؟", Figure.DATE),
        ("人居署何时开始定期汇报？", Figure.DATE),
        ("Сколько отделений проверил аудит?", Figure.COUNT),
        ("Who chairs the regional platforms?", None),
    ],
)
def test_the_kind_of_figure_asked_for(question, figure):
    assert wanted_figure(question) is figure


def test_money_needs_a_currency_and_a_date_a_new_year_or_a_month():
    asked = "What amount was paid in 2024?"
    assert has_figure("A levy of $41,000 was paid.", Figure.MONEY, asked)
    assert not has_figure("Three agreements were reviewed in 2024.", Figure.MONEY, asked)
    when = "When in 2024 was it paid?"
    assert has_figure("It was paid on 28 February.", Figure.DATE, when)
    assert has_figure("The second instalment came in 2025.", Figure.DATE, when)
    assert not has_figure("In 2024 it was paid.", Figure.DATE, when)
    assert has_figure("于 2025 年 8 月支付", Figure.DATE, "何时支付？")
