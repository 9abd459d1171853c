def test_a_quote_in_another_language_is_said_and_its_figure_leads(service):
    answer = service.ask("How many countries have signed Cooperation Frameworks?")
    assert answer.framing.startswith("In figures: 120. The cited passage is in Chinese")
    assert answer.to_json()["quote_languages"] == ["zh"]
    french = service.ask("Quelle part des résultats des plans-cadres ONU-Habitat a-t-il soutenue ?")
    assert french.framing.startswith("En chiffres : 82%. Le passage cité est en chinois")
    arabic = service.ask("كم عدد البلدان التي وقعت أطر التعاون؟")
    assert "المقطع المستشهد به باللغة الصينية" in arabic.framing


def test_a_quote_in_the_askers_language_needs_no_framing(service):
    answer = service.ask("人居署的贡献覆盖了联合国可持续发展合作框架优先成果的多大比例？")
    assert not answer.framing
    assert answer.to_json()["quote_languages"] == ["zh"]
