"""The page's CSS, and the one piece of JavaScript: the chat's click handler.

The handler only forwards which chip or feedback button was clicked (its data attributes) to
the server through Gradio's `trigger`; it never inserts anything into the page.
"""

from __future__ import annotations

CHAT_JS = """
element.addEventListener('click', (event) => {
  const chip = event.target.closest('.rq-chip');
  if (chip && element.contains(chip)) {
    event.preventDefault();
    const active = element.querySelectorAll('.rq-chip-active');
    active.forEach((c) => c.classList.remove('rq-chip-active'));
    chip.classList.add('rq-chip-active');
    trigger('click', {action: 'cite', symbol: chip.dataset.symbol, label: chip.dataset.label,
                      lang: chip.dataset.lang});
    return;
  }
  const vote = event.target.closest('.rq-fb-btn');
  if (vote && element.contains(vote)) {
    event.preventDefault();
    trigger('click', {action: 'feedback', turn: Number(vote.dataset.turn),
                      verdict: vote.dataset.verdict});
  }
});
"""

CSS = """
.rq-chat { display: flex; flex-direction: column; gap: 14px; padding: 4px; }
.rq-welcome { color: var(--body-text-color-subdued); padding: 12px;
  border: 1px dashed var(--border-color-primary); border-radius: 8px; }
.rq-turn { display: flex; flex-direction: column; gap: 4px; }
.rq-q { align-self: flex-end; background: var(--color-accent-soft); padding: 8px 12px;
  border-radius: 12px; max-width: 85%; }
.rq-who { font-weight: 600; margin-inline-end: 6px; }
.rq-a { background: var(--block-background-fill); border: 1px solid var(--border-color-primary);
  border-radius: 12px; padding: 8px 12px; line-height: 1.6; }
.rq-a p { margin: 4px 0; }
.rq-a ul { margin: 4px 0; padding-inline-start: 20px; }
.rq-abstained { border-inline-start: 4px solid #d97706; background: #fffbeb; color: #1f2937; }
.rq-abstain-message { font-weight: 600; }
.rq-abstain-message::before { content: "⚠ "; }
.rq-draft { opacity: 0.75; }
.rq-drafting { font-style: italic; color: var(--body-text-color-subdued); }
.rq-notice { color: #92400e; font-size: 0.9em; }
.rq-chip { display: inline-block; border: 1px solid #1d4ed8; color: #1d4ed8; background: #eff6ff;
  border-radius: 999px; padding: 0 8px; margin: 0 2px; font-size: 0.85em; cursor: pointer;
  white-space: nowrap; line-height: 1.5; unicode-bidi: isolate; }
.rq-chip:hover, .rq-chip-active { background: #1d4ed8; color: #fff; }
.rq-chip-unsupported { border-color: #b91c1c; color: #b91c1c; background: #fef2f2; }
.rq-meta-line { font-size: 0.75em; color: var(--body-text-color-subdued); }
.rq-fb { display: flex; gap: 6px; font-size: 0.85em; align-items: center; }
.rq-fb-btn { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 1px 8px;
  background: transparent; cursor: pointer; }
.rq-fb-done { color: var(--body-text-color-subdued); }
.rq-status { color: #b91c1c; margin: 0; }
.rq-source { line-height: 1.6; }
.rq-source-empty, .rq-source-missing { color: var(--body-text-color-subdued); }
.rq-source-heading { margin: 0 0 6px 0; }
.rq-source-meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px;
  margin: 0 0 8px 0; font-size: 0.9em; }
.rq-source-meta dt { font-weight: 600; }
.rq-source-meta dd { margin: 0; }
.rq-section { font-style: italic; color: var(--body-text-color-subdued); margin: 4px 0; }
.rq-unit { padding: 6px 8px; margin: 4px 0; border-radius: 6px; opacity: 0.8; }
.rq-unit.rq-cited { background: #fef9c3; border-inline-start: 4px solid #ca8a04; opacity: 1;
  color: #1f2937; }
.rq-unit-label { font-weight: 700; margin-inline-end: 6px; }
.rq-versions-title { margin: 10px 0 4px 0; }
.rq-versions { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
  gap: 8px; }
.rq-version { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 6px 8px; }
.rq-version-lang { font-weight: 600; font-size: 0.85em; }
#rq-question textarea { unicode-bidi: plaintext; }
"""
