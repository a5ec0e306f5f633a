// The HedgeStream dashboard: the overview arrives by server-sent events (/events) on every change; the
// selected book's charts are fetched from /api/book/<book> at most once a second. Charts: uPlot, served
// from the monitor's jar.
(function () {
  'use strict';
  const REGIME_COLORS = { LOW: 'rgba(46,160,67,0.12)', MEDIUM: 'rgba(210,180,40,0.14)',
    HIGH: 'rgba(230,120,30,0.18)', CRISIS: 'rgba(200,30,30,0.22)', UNKNOWN: 'rgba(120,120,120,0.08)' };
  const state = { overview: null, book: null, selected: null, charts: {}, bookFetchedAt: 0, fetching: false };
  window.monitor = state;

  const $ = (id) => document.getElementById(id);
  const fmt = (v, d) => (v === null || v === undefined || Number.isNaN(v)) ? '–'
    : Number(v).toLocaleString('en-US', { minimumFractionDigits: d ?? 2, maximumFractionDigits: d ?? 2 });
  const signed = (v, d) => `<span class="${v < 0 ? 'neg' : 'pos'}" data-value="${v}">${fmt(v, d)}</span>`;
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const time = (ms) => ms ? new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–';

  // Re-renders only what changed: a list that stays the same keeps its elements (and a click in progress).
  function html(el, markup) {
    if (el.dataset.markup !== markup) {
      el.innerHTML = markup;
      el.dataset.markup = markup;
    }
  }

  function rows(tbody, items, render) {
    html(tbody, items.map(render).join(''));
  }

  function tradingCell(s) {
    if (s.killSwitch) return '<span class="state-KILL">KILL SWITCH</span>';
    return `<span class="state-${esc(s.tradingState)}">${esc(s.tradingState)}</span>`;
  }

  function renderOverview(o) {
    state.overview = o;
    const t = o.totals;
    $('total-pnl').innerHTML = signed(t.pnl);
    $('total-books').textContent = t.books;
    $('total-decisions').textContent = t.decisions.toLocaleString('en-US');
    $('total-fallbacks').textContent = t.fallbacks.toLocaleString('en-US');
    $('total-orders').textContent = `${t.hedgeOrders.toLocaleString('en-US')} / ${t.fills.toLocaleString('en-US')}`;
    $('total-dlq').textContent = t.deadLetters.toLocaleString('en-US');
    $('status').textContent = `${o.status} · updated ${new Date(o.servedAt).toLocaleTimeString()}`;
    $('status').classList.remove('stale');
    rows($('symbols').tBodies[0], o.symbols, (s) => `<tr data-symbol="${esc(s.symbol)}">
      <td>${esc(s.symbol)}</td><td id="state-${esc(s.symbol)}">${tradingCell(s)}</td><td>${esc(s.regime)}</td>
      <td>${esc(s.policyVersion)}</td><td>${signed(s.pnl)}</td><td>${fmt(s.delta)}</td><td>${fmt(s.gamma, 4)}</td>
      <td>${fmt(s.vega)}</td><td>${fmt(s.theta)}</td><td>${fmt(s.underlying)}</td>
      <td>${Object.entries(s.listedPositions).map(([k, v]) => `${esc(k)}: ${fmt(v)}`).join('<br>') || '–'}</td>
      <td>${fmt(s.cvar95)}</td><td>${fmt(s.maxDrawdown)}</td><td>${s.books}</td></tr>`);
    rows($('books').tBodies[0], o.books, (b) => `<tr data-book="${esc(b.book)}" class="${b.book === state.selected ? 'selected' : ''}">
      <td>${esc(b.book)}</td><td>${esc(b.symbol)}</td><td>${b.step ?? '–'}</td><td>${signed(b.cumulativePnl)}</td>
      <td>${fmt(b.delta)}</td><td>${fmt(b.gamma, 4)}</td><td>${fmt(b.vega)}</td><td>${fmt(b.theta)}</td>
      <td>${fmt(b.var95)}</td><td>${fmt(b.cvar95)}</td><td>${fmt(b.cumulativeCvar95)}</td><td>${fmt(b.maxDrawdown)}</td>
      <td>${fmt(b.cumulativeTurnoverRatio, 3)}</td><td>${esc(b.regime)}</td><td>${esc(b.policyVersion)}</td>
      <td>${b.orders}</td><td>${b.fills}</td></tr>`);
    rows($('fallbacks').tBodies[0], Object.entries(o.fallbacksByGuardrail),
      ([g, n]) => `<tr><td>${esc(g)}</td><td>${n}</td></tr>`);
    rows($('rejects').tBodies[0], Object.entries(o.rejectsByCode), ([c, n]) => `<tr><td>${esc(c)}</td><td>${n}</td></tr>`);
    rows($('dead-letters').tBodies[0], o.deadLetters,
      (d) => `<tr class="dlq-count" data-topic="${esc(d.topic)}" data-code="${esc(d.code)}"><td>${esc(d.topic)}</td><td>${esc(d.code)}</td><td>${d.count}</td></tr>`);
    html($('recent-dead-letters'), o.recentDeadLetters.map((d) =>
      `<li class="dlq-row" data-id="${esc(d.id)}">${time(d.time)} <b>${esc(d.topic)}</b> ${esc(d.code)}: ${esc(d.error)}</li>`).join(''));
    html($('recent-fallbacks'), o.recentFallbacks.map((f) =>
      `<li class="fallback-row" data-id="${esc(f.id)}">${time(f.time)} <b>${esc(f.book)}</b> step ${f.step} ${esc(f.guardrail)}: ${esc(f.reason)}</li>`).join(''));
    if (!state.selected && o.books.length) select(o.books[0].book);
    else refreshBook();
  }

  function select(book) {
    state.selected = book;
    state.bookFetchedAt = 0;
    document.querySelectorAll('#books tbody tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.book === book));
    refreshBook();
  }

  function refreshBook() {
    if (!state.selected || state.fetching || Date.now() - state.bookFetchedAt < 1000) return;
    state.fetching = true;
    fetch(`/api/book/${encodeURIComponent(state.selected)}`).then((r) => r.ok ? r.json() : null).then((b) => {
      state.bookFetchedAt = Date.now();
      if (b) renderBook(b);
    }).finally(() => { state.fetching = false; });
  }

  function bandsPlugin() {
    return { hooks: { drawClear: [(u) => {
      const bands = (state.book && state.book.regimeBands) || [];
      const ctx = u.ctx;
      const end = u.scales.x.max;
      for (let i = 0; i < bands.length; i++) {
        const from = Math.max(bands[i].from, u.scales.x.min);
        const to = i + 1 < bands.length ? bands[i + 1].from : end;
        if (to < u.scales.x.min || from > end) continue;
        const x0 = u.valToPos(from, 'x', true);
        const x1 = u.valToPos(Math.min(to, end), 'x', true);
        ctx.fillStyle = REGIME_COLORS[bands[i].regime] || REGIME_COLORS.UNKNOWN;
        ctx.fillRect(x0, u.bbox.top, Math.max(x1 - x0, 1), u.bbox.height);
      }
    }] } };
  }

  function chart(name, el, series, data, extra) {
    const width = Math.max(el.clientWidth || 600, 300);
    if (!state.charts[name]) {
      const opts = Object.assign({ width, height: 220, series: [{}].concat(series), scales: { x: { time: true } },
        axes: [{}, { size: 70 }], legend: { live: false } }, extra || {});
      state.charts[name] = new uPlot(opts, data, el);
    } else {
      state.charts[name].setData(data);
    }
  }

  function renderBook(b) {
    state.book = b;
    $('book').hidden = false;
    $('book-name').textContent = `${b.book} (${b.symbol})`;
    const cum = b.latest.cumulativePnl;
    $('book-cumpnl').innerHTML = signed(cum);
    $('book-points').textContent = `${b.series.time.length} of ${b.pointsSeen.toLocaleString('en-US')} points drawn`;
    const s = b.series;
    chart('pnl', $('chart-pnl'), [{ label: 'cumulative PnL', stroke: '#1f5fbf', width: 1.5 }],
      [s.time, s.cumulativePnl], { plugins: [bandsPlugin()] });
    chart('holdings', $('chart-holdings'), [
      { label: 'book delta', stroke: '#8e44ad' },
      { label: 'hedge holding', stroke: '#1f5fbf' },
      { label: 'delta-neutral holding', stroke: '#e67e22', dash: [5, 4] }],
    [s.time, s.delta, s.hedgeHolding, s.deltaNeutralHolding]);
    chart('greeks', $('chart-greeks'), [
      { label: 'gamma', stroke: '#16a085', scale: 'g' },
      { label: 'vega', stroke: '#c0392b' },
      { label: 'theta', stroke: '#7f8c8d' }],
    [s.time, s.gamma, s.vega, s.theta], { axes: [{}, { scale: 'y', size: 80 }, { scale: 'g', side: 1, size: 60, grid: { show: false } }] });
    const h = b.stepPnlHistogram;
    const mids = h.counts.map((_, i) => (h.edges[i] + h.edges[i + 1]) / 2);
    chart('hist', $('chart-hist'), [{ label: 'steps', stroke: '#1f5fbf', fill: 'rgba(31,95,191,0.35)',
      paths: uPlot.paths.bars({ size: [0.9] }), points: { show: false } }], [mids, h.counts],
    { scales: { x: { time: false } }, axes: [{ label: 'step PnL' }, { label: 'steps', size: 60 }] });
    $('regime-legend').innerHTML = Object.entries(REGIME_COLORS).map(([k, c]) => `<span><i style="background:${c.replace(/0\.\d+\)/, '0.6)')}"></i>${k}</span>`).join('');
    const r = b.risk;
    rows($('book-risk').tBodies[0], [['VaR95 (window)', r.var95], ['CVaR95 (window)', r.cvar95],
      ['VaR95 (cumulative)', r.cumulativeVar95], ['CVaR95 (cumulative)', r.cumulativeCvar95],
      ['Max drawdown', r.maxDrawdown], ['Rolling max drawdown', r.rollingMaxDrawdown],
      ['Turnover ratio', r.turnoverRatio], ['Cumulative turnover ratio', r.cumulativeTurnoverRatio]],
    ([k, v]) => `<tr><td>${k}</td><td>${fmt(v, 3)}</td></tr>`);
    rows($('attribution').tBodies[0], Object.entries(b.pnlByInstrument),
      ([k, v]) => `<tr><td>${esc(k)}</td><td>${signed(v.pnl)}</td><td>${fmt(v.costs)}</td></tr>`);
    rows($('positions').tBodies[0], Object.entries(b.positions), ([k, v]) => `<tr><td>${esc(k)}</td><td>${fmt(v, 4)}</td></tr>`);
    rows($('blotter').tBodies[0], b.blotter.slice(0, 100), (o) => `<tr data-order="${esc(o.orderId)}">
      <td>${time(o.time)}</td><td title="${esc(o.orderId)}">${esc(o.orderId.length > 24 ? '…' + o.orderId.slice(-23) : o.orderId)}</td><td>${esc(o.instrument)}</td>
      <td>${esc(o.side)}</td><td>${fmt(o.quantity, 4)}</td><td>${fmt(o.limitPrice)}</td>
      <td title="${esc(o.statusReason)}">${esc(o.status)}</td><td>${fmt(o.filled, 4)}</td><td>${fmt(o.averagePrice)}</td>
      <td>${esc(o.reason)}</td></tr>`);
  }

  function showRecord(kind, id) {
    fetch(`/api/${kind}/${id.split('/').map(encodeURIComponent).join('/')}`).then((r) => r.ok ? r.json() : r.text())
      .then((body) => {
        $('record').hidden = false;
        $('record-id').textContent = `${kind} ${id}`;
        $('record-body').textContent = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
        $('record').scrollIntoView();
      });
  }

  // mousedown, not click: the tables re-render up to four times a second, and a click whose row was
  // replaced between press and release would be lost.
  document.addEventListener('mousedown', (e) => {
    const book = e.target.closest('#books tbody tr');
    if (book) return select(book.dataset.book);
    const dlq = e.target.closest('.dlq-row');
    if (dlq) return showRecord('dead-letter', dlq.dataset.id);
    const fb = e.target.closest('.fallback-row');
    if (fb) return showRecord('fallback', fb.dataset.id);
  });

  function connect() {
    const events = new EventSource('/events');
    events.addEventListener('overview', (e) => renderOverview(JSON.parse(e.data)));
    events.onerror = () => { $('status').textContent = 'disconnected: retrying'; $('status').classList.add('stale'); };
  }
  // The overview at once, before the event stream's first push.
  fetch('/api/overview').then((r) => r.ok ? r.json() : null).then((o) => { if (o && !state.overview) renderOverview(o); });
  connect();
  setInterval(refreshBook, 1000);
})();
