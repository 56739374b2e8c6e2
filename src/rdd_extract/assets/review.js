const IMAGES = __IMAGES__, FIGURES = __FIGURES__;
const tip = document.getElementById('tip');
// Page images are drawn when they come near the view: a 600-page report opens at once.
function draw(el) { const png = IMAGES[el.dataset.image];
  if (png && !el.dataset.drawn) { el.style.backgroundImage = 'url(data:image/png;base64,' + png + ')'; el.dataset.drawn = '1'; } }
function drawNear() { const reach = window.innerHeight + 800;
  document.querySelectorAll('.image:not([data-drawn])').forEach(el => { const r = el.getBoundingClientRect();
    if (r.bottom > -800 && r.top < reach) draw(el); }); }
let pending = false;
window.addEventListener('scroll', () => { if (!pending) { pending = true;
  requestAnimationFrame(() => { pending = false; drawNear(); }); } }, {passive: true});
window.addEventListener('load', drawNear); drawNear();
function pair(n) { return [...document.querySelectorAll('[data-figure="' + n + '"],[data-box="' + n + '"]')]; }
function show(n, scroll) { document.querySelectorAll('.on').forEach(x => x.classList.remove('on'));
  const els = pair(n); els.forEach(x => x.classList.add('on'));
  if (scroll && els.length) els[els.length - 1].scrollIntoView({block: 'center'}); }
function describe(el) { const f = FIGURES[el.dataset.figure || el.dataset.box];
  return f.value + ' ' + f.unit + ' · ' + f.kind + (f.qualifier ? ' · ' + f.qualifier : '') + ' · ' + f.indicator + ' · rule ' + f.rule; }
function tipAt(el) { tip.textContent = describe(el); const r = el.getBoundingClientRect();
  tip.style.left = r.left + 'px'; tip.style.top = (r.bottom + 4) + 'px'; tip.style.display = 'block'; }
document.addEventListener('mouseover', e => { const el = e.target.closest('[data-figure],[data-box]'); if (el) tipAt(el); });
document.addEventListener('mouseout', e => { if (e.target.closest('[data-figure],[data-box]')) tip.style.display = 'none'; });
document.addEventListener('focusin', e => { const el = e.target.closest('[data-figure]'); if (el) { tipAt(el); show(el.dataset.figure, false); } });
document.addEventListener('click', e => { const el = e.target.closest('[data-figure],[data-box]');
  if (el) show(el.dataset.figure || el.dataset.box, true); });
const filters = ['sheet', 'kind', 'unit', 'origin'].map(k => document.getElementById('f-' + k));
function apply() { const [s, k, u, o] = filters.map(f => f.value);
  document.querySelectorAll('mark.fig').forEach(m => { const ok = (!s || m.dataset.sheet === s) && (!k || m.dataset.kind === k)
    && (!u || m.dataset.unit === u) && (!o || m.dataset.origin === o); m.classList.toggle('hidden', !ok);
    pair(m.dataset.figure).filter(x => x !== m).forEach(b => b.classList.toggle('hidden', !ok)); });
  document.querySelectorAll('section.page').forEach(p => { p.style.display = (!s || p.dataset.sheet === s) ? '' : 'none'; }); }
filters.forEach(f => f.addEventListener('change', apply));
document.addEventListener('keydown', e => { if (e.target.tagName === 'SELECT') return;
  if (e.key !== 'j' && e.key !== 'k') return;
  const marks = [...document.querySelectorAll('mark.fig:not(.hidden)')].filter(m => m.offsetParent !== null);
  const at = marks.indexOf(document.activeElement);
  const next = marks[e.key === 'j' ? Math.min(marks.length - 1, at + 1) : Math.max(0, at - 1)];
  if (next) { next.focus(); next.scrollIntoView({block: 'center'}); } });
document.addEventListener('keydown', e => { if (e.key === 'Enter' && e.target.dataset && e.target.dataset.figure) show(e.target.dataset.figure, true); });
