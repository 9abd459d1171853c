"""The page's CSS and its JavaScript: the chat's click handler, the question box's keys, and
the page's language and direction.

The click handler forwards which chip, feedback or DOCX button was clicked (its data
attributes) to the server through Gradio's `trigger`, and copies an answer's text, which the
server already put in the page, escaped; it never inserts markup into the page.
"""

from __future__ import annotations

CHAT_JS = """
element.setAttribute('aria-live', 'polite');
element.setAttribute('aria-relevant', 'additions');
const copyText = (text, done) => {
  const fallback = () => {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    area.remove();
    done();
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, fallback);
  } else {
    fallback();
  }
};
element.addEventListener('click', (event) => {
  const chip = event.target.closest('.rq-chip');
  if (chip && element.contains(chip)) {
    event.preventDefault();
    const active = element.querySelectorAll('.rq-chip-active');
    active.forEach((c) => c.classList.remove('rq-chip-active'));
    chip.classList.add('rq-chip-active');
    trigger('click', {action: 'cite', symbol: chip.dataset.symbol, label: chip.dataset.label,
                      lang: chip.dataset.lang});
    if (window.matchMedia('(max-width: 767px)').matches) {
      // one column on a phone: the source panel is below the chat; once the server has
      // filled it in (the page's observer, HEAD), it is brought into view
      window.rqScrollToSource = chip.dataset.symbol + '|' + chip.dataset.label;
    }
    return;
  }
  const tool = event.target.closest('.rq-tool');
  if (tool && element.contains(tool)) {
    event.preventDefault();
    const box = tool.closest('.rq-tools');
    if (tool.dataset.tool === 'docx' || tool.dataset.tool === 'translate') {
      trigger('click', {action: tool.dataset.tool, turn: Number(tool.dataset.turn)});
      return;
    }
    const source = box.querySelector(tool.dataset.tool === 'md' ? '.rq-copy-md' : '.rq-copy-text');
    const status = box.querySelector('.rq-copied');
    copyText(source.value, () => { status.textContent = box.dataset.copied || '✓'; });
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

LIBRARY_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button || !element.contains(button)) return;
  event.preventDefault();
  if (button.dataset.action === 'delete' && !window.confirm(button.dataset.confirm)) return;
  if (button.dataset.action === 'open') {
    window.rqScrollToReader = button.dataset.symbol + '|' + button.dataset.lang;
  }
  trigger('click', {action: button.dataset.action, symbol: button.dataset.symbol,
                    lang: button.dataset.lang || ''});
});
"""

# Enter sends, Shift+Enter adds a line (Gradio's multi-line box does the opposite). Listening
# in the capture phase on the document runs before Gradio's own handler on the textarea; an
# Enter that confirms an input method's candidate (Chinese, Japanese) is left alone.
HEAD = """<script>
(() => {
  const inQuestion = (e) => e.target && e.target.closest && e.target.closest('#rq-question');
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !inQuestion(e) || e.isComposing || e.keyCode === 229) return;
    if (e.shiftKey) { e.stopPropagation(); return; }
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    e.preventDefault();
    e.stopPropagation();
    const ask = document.querySelector('#rq-ask');
    if (ask && !ask.disabled) ask.click();
  }, true);
  document.addEventListener('keypress', (e) => {
    if (e.key === 'Enter' && inQuestion(e)) e.stopPropagation();
  }, true);
  // The page's language and direction follow the interface language the server chose (the
  // chat names it): Arabic lays the page out right to left, mirroring the panels. Also ties
  // the keyboard hint to the question box.
  const sync = () => {
    const chat = document.querySelector('.rq-chat[data-ui-lang]');
    if (!chat) return;
    const lang = chat.dataset.uiLang;
    const root = document.documentElement;
    if (root.lang !== lang) root.lang = lang;
    const dir = chat.getAttribute('dir');
    if (root.dir !== dir) root.dir = dir;
    const wanted = window.rqScrollToSource;
    const shown = document.querySelector('#rq-source [data-cite]');
    if (wanted && shown && shown.dataset.cite === wanted) {
      window.rqScrollToSource = null;
      requestAnimationFrame(() => {
        document.getElementById('rq-source-column').scrollIntoView({block: 'start'});
      });
    }
    // the library's reader: a deep link's #p-9 once its document is shown, else the top of a
    // document just opened from the table
    const reader = document.querySelector('.rq-reader[data-doc]');
    if (reader && location.hash && !window.rqHashDone) {
      const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target && reader.contains(target)) {
        window.rqHashDone = true;
        target.classList.add('rq-target');
        requestAnimationFrame(() => target.scrollIntoView({block: 'center'}));
      }
    }
    if (reader && window.rqScrollToReader && reader.dataset.doc.startsWith(
        window.rqScrollToReader.split('|')[0] + '|')) {
      window.rqScrollToReader = null;
      requestAnimationFrame(() => reader.scrollIntoView({block: 'start'}));
    }
    const box = document.querySelector('#rq-question textarea');
    if (box && !box.hasAttribute('aria-describedby')) {
      box.setAttribute('aria-describedby', 'rq-hint-text');
    }
  };
  new MutationObserver(sync).observe(document, {subtree: true, childList: true});
})();
</script>"""

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
  white-space: nowrap; line-height: 1.5; unicode-bidi: isolate; transition: none; }
.rq-chip:hover, .rq-chip-active { background: #1d4ed8; color: #fff; }
.rq-chip-unsupported { border-color: #b91c1c; color: #b91c1c; background: #fef2f2; }
.rq-meta-line { font-size: 0.75em; color: var(--body-text-color-subdued); }
.rq-fb { display: flex; gap: 6px; font-size: 0.85em; align-items: center; }
.rq-fb-btn { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 1px 8px;
  background: transparent; cursor: pointer; }
.rq-fb-done { color: var(--body-text-color-subdued); }
.rq-status { color: #b91c1c; margin: 0; }
.dark .rq-status { color: #fca5a5; }
.rq-loading { margin: 0; font-style: italic; }
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
.rq-hint { margin: 0; font-size: 0.85em; color: var(--body-text-color); }
.rq-tools { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; font-size: 0.85em; }
.rq-tool, .rq-fb-btn { border: 1px solid var(--border-color-primary); border-radius: 6px;
  padding: 1px 8px; background: transparent; color: var(--body-text-color); cursor: pointer;
  font: inherit; font-size: 0.85rem; font-weight: 400; }
.rq-copied { color: var(--body-text-color); }
.rq-quote { unicode-bidi: isolate; }
.rq-translation { border: 1px dashed var(--border-color-primary); border-radius: 8px;
  padding: 6px 12px; margin-top: 4px; }
.rq-translation-label { font-style: italic; font-size: 0.9em; margin: 0 0 4px 0; }
:focus-visible, .rq-chip:focus-visible, .rq-tool:focus-visible, .rq-fb-btn:focus-visible {
  outline: 3px solid #1d4ed8 !important; outline-offset: 2px; }
.dark :focus-visible { outline-color: #93c5fd !important; }
.rq-unit.rq-cited .rq-unit-label { color: #1f2937; }
.dark .rq-notice { color: #fcd34d; }
#rq-tabs button[role="tab"][aria-selected="true"] { color: #3730a3 !important; }
.dark #rq-tabs button[role="tab"][aria-selected="true"] { color: #a5b4fc !important; }
#rq-upload-files [data-testid="upload-text"] { color: #3730a3; }
.dark #rq-upload-files [data-testid="upload-text"] { color: #c7d2fe; }
.rq-lib-table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
.rq-lib-table caption { text-align: start; font-weight: 600; padding: 4px 0; }
.rq-lib-table th, .rq-lib-table td { border-bottom: 1px solid var(--border-color-primary);
  padding: 4px 6px; text-align: start; vertical-align: top; }
.rq-lib-table .rq-num { text-align: end; }
.rq-lib-open, .rq-lib-delete { border: 1px solid var(--border-color-primary); border-radius: 6px;
  padding: 0 6px; margin: 1px; background: transparent; color: var(--body-text-color);
  cursor: pointer; font: inherit; }
.rq-lib-delete { border-color: #b91c1c; color: #b91c1c; }
.dark .rq-lib-delete { border-color: #fca5a5; color: #fca5a5; }
.rq-reader { line-height: 1.6; }
.rq-reader-meta { margin: 0 0 6px 0; }
.rq-reader-unit { opacity: 1; }
.rq-reader-unit.rq-target { background: #fef9c3; color: #1f2937;
  border-inline-start: 4px solid #ca8a04; }
.rq-reader-unit.rq-target .rq-unit-label { color: #1f2937; }
@media (max-width: 767px) {
  #rq-layout { flex-direction: column; }
  #rq-main { order: 1; min-width: 0 !important; }
  #rq-source-column { order: 2; min-width: 0 !important; scroll-margin-top: 8px; }
  #rq-sidebar { order: 3; min-width: 0 !important; }
  #rq-chat { min-height: 160px !important; max-height: 45vh !important;
    overflow-y: auto !important; }
}
"""
