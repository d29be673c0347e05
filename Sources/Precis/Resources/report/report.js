// The Precis run report: the corpus view, the document list and one document's view, from the
// data inline in this page and the per-page data files beside it (loaded when a document opens).
(function () {
  'use strict';
  const started = performance.now();
  const corpus = JSON.parse(document.getElementById('precis-corpus').textContent);
  const stages = corpus.stages || {};
  // Columns of corpus.documents.
  const ID = 0, TITLE = 1, DATE = 2, LANG = 3, STATUS = 4, KEYWORDS = 5, PAGE = 6, CHARS = 7, SENTENCES = 8;
  const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'ckb', 'dv', 'sd', 'ug']);
  const corpusView = document.getElementById('corpus-view');
  const documentView = document.getElementById('document-view');
  const pages = {};
  const waiting = {};
  const list = { query: '', sort: null, descending: false, page: 0, size: 50, rows: corpus.documents };

  /** Called by each data file: the records of one page of documents. */
  window.precisPage = function (number, records) {
    pages[number] = records;
    (waiting[number] || []).forEach(function (done) { done(records); });
    delete waiting[number];
  };

  function loadPage(number, done, failed) {
    if (pages[number]) { done(pages[number]); return; }
    const queued = waiting[number] || (waiting[number] = []);
    queued.push(done);
    if (queued.length > 1) return;
    const script = document.createElement('script');
    script.src = corpus.dataFolder + '/page-' + String(number).padStart(4, '0') + '.js';
    script.onerror = function () { delete waiting[number]; failed(script.src); };
    document.head.appendChild(script);
  }

  /** An element with attributes and children (strings become text). */
  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children || []) {
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  function table(headers, rows, attributes) {
    return el('table', attributes, [
      el('thead', {}, [el('tr', {}, headers.map(function (h) {
        return el('th', { class: h.number ? 'number' : null, scope: 'col', text: h.label || h });
      }))]),
      el('tbody', {}, rows.map(function (row) {
        return el('tr', {}, row.map(function (cell, index) {
          const header = headers[index];
          return cell instanceof Node ? el('td', {}, [cell]) : el('td', { class: header && header.number ? 'number' : null, text: cell });
        }));
      })),
    ]);
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attributes, children) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    for (const child of children || []) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    return node;
  }

  /** A horizontal bar chart: every bar labelled with its name and value (no colour needed). */
  function barChart(items, label, title) {
    const rowHeight = 22, labelWidth = 150, width = 560, barWidth = width - labelWidth - 215;
    const max = Math.max(1, ...items.map(function (item) { return item.value; }));
    const chart = svg('svg', {
      class: 'chart', role: 'img', 'aria-label': label, width: width, height: rowHeight * items.length + 8,
      viewBox: '0 0 ' + width + ' ' + (rowHeight * items.length + 8),
    }, [svg('title', {}, [title || label])]);
    items.forEach(function (item, index) {
      const y = 4 + index * rowHeight;
      const length = Math.max(1, Math.round(barWidth * item.value / max));
      chart.appendChild(svg('text', { x: labelWidth - 6, y: y + 14, 'text-anchor': 'end' }, [item.name]));
      chart.appendChild(svg('rect', { class: 'bar', x: labelWidth, y: y + 3, width: length, height: rowHeight - 8 }, [svg('title', {}, [item.name + ': ' + item.text])]));
      chart.appendChild(svg('text', { x: labelWidth + length + 6, y: y + 14 }, [item.text]));
    });
    return chart;
  }

  /** Counts of `values` in bins of powers of two: [1], [2, 3], [4, 7], ... */
  function histogram(values, unit) {
    const bins = new Map();
    for (const value of values) {
      const bin = value <= 0 ? 0 : Math.floor(Math.log2(value));
      bins.set(bin, (bins.get(bin) || 0) + 1);
    }
    const keys = Array.from(bins.keys()).sort(function (a, b) { return a - b; });
    if (keys.length === 0) return el('p', { class: 'muted', text: 'no documents' });
    const items = [];
    for (let bin = keys[0]; bin <= keys[keys.length - 1]; bin++) {
      const low = bin === 0 ? 0 : 2 ** bin, high = bin === 0 ? 1 : 2 ** (bin + 1) - 1;
      const count = bins.get(bin) || 0;
      items.push({ name: low.toLocaleString('en') + '–' + high.toLocaleString('en') + ' ' + unit, value: count, text: documents(count) });
    }
    return barChart(items, 'documents by ' + unit);
  }

  function documents(count) { return count + (count === 1 ? ' document' : ' documents'); }

  function formatSeconds(value) { return (value || 0).toFixed(value < 10 ? 2 : 1) + ' s'; }

  function documentLink(id, text) {
    return el('a', { href: '#doc=' + encodeURIComponent(id), 'data-doc': id, text: text || id });
  }

  // MARK: corpus view

  function renderCorpus() {
    const run = corpus.run || {};
    const counts = run.documents || {};
    corpusView.replaceChildren();
    corpusView.appendChild(el('h1', { text: 'Run of ' + (run.pipeline || 'a pipeline') + ': ' + corpus.documents.length + ' documents' }));
    corpusView.appendChild(el('p', { class: 'muted' }, [
      'Input ', el('code', { text: run.input || '' }), ', started ' + (run.started || '') + ', ' + formatSeconds(run.seconds) + '.',
    ]));
    // Status and errors.
    corpusView.appendChild(el('h2', { text: 'Documents by status' }));
    corpusView.appendChild(el('div', { class: 'counts', id: 'status-counts' }, ['ok', 'error', 'skipped'].map(function (status) {
      return el('div', { class: 'count status-' + status, 'data-status': status }, [el('b', { text: String(corpus.statuses[status] || 0) }), status]);
    })));
    if (corpus.errors.length > 0) {
      corpusView.appendChild(el('h2', { text: 'Failed and skipped documents (' + corpus.errors.length + ')' }));
      corpusView.appendChild(table(['id', 'stage', 'code', 'message'], corpus.errors.map(function (error) {
        return [documentLink(error.id), error.stage, error.code, el('span', { class: 'error-text', text: error.message })];
      }), { id: 'errors' }));
    }
    // Languages, lengths, sentences (of the documents that have a text).
    const processed = corpus.documents.filter(function (d) { return d[CHARS] > 0; });
    const grid = el('div', { class: 'grid wide' });
    grid.appendChild(el('section', {}, [
      el('h2', { text: 'Languages' }),
      corpus.languages.length === 0 ? el('p', { class: 'muted', text: 'no language stage' }) : barChart(corpus.languages.map(function (language) {
        return { name: language.code, value: language.documents, text: documents(language.documents) + ', confidence ' + language.confidence.toFixed(2) };
      }), 'documents by language, with mean confidence'),
    ]));
    grid.appendChild(el('section', {}, [
      el('h2', { text: 'Document length' }), histogram(processed.map(function (d) { return d[CHARS]; }), 'characters'),
    ]));
    grid.appendChild(el('section', {}, [
      el('h2', { text: 'Sentences per document' }), histogram(processed.map(function (d) { return d[SENTENCES]; }), 'sentences'),
    ]));
    corpusView.appendChild(grid);
    // Keywords.
    const keywords = corpus.keywords || { all: [], byLanguage: {} };
    const keywordGrid = el('div', { class: 'grid' });
    keywordGrid.appendChild(el('section', {}, [
      el('h2', { text: 'Top keywords' }),
      keywords.all.length === 0 ? el('p', { class: 'muted', text: 'no keywords stage' })
        : table(['keyword', { label: 'documents', number: true }], keywords.all, { id: 'top-keywords' }),
    ]));
    corpusView.appendChild(keywordGrid);
    const perLanguage = el('div', { class: 'grid' });
    for (const code of Object.keys(keywords.byLanguage).sort()) {
      perLanguage.appendChild(el('section', {}, [
        el('h2', { text: 'Top keywords: ' + code }),
        table(['keyword', { label: 'documents', number: true }], keywords.byLanguage[code].slice(0, 8), { lang: code, dir: RTL.has(code) ? 'rtl' : null }),
      ]));
    }
    if (perLanguage.childNodes.length) {
      corpusView.appendChild(el('details', { open: Object.keys(keywords.byLanguage).length <= 6 }, [
        el('summary', { text: 'Top keywords per language (' + Object.keys(keywords.byLanguage).length + ' languages)' }), perLanguage,
      ]));
    }
    corpusView.appendChild(renderTimeline());
    // The document list.
    corpusView.appendChild(el('h2', { text: 'Documents' }));
    corpusView.appendChild(el('div', { class: 'list-tools' }, [
      el('label', {}, ['Search ', el('input', {
        id: 'search', type: 'search', placeholder: 'id, title, language, keyword', value: list.query,
        oninput: function (event) { list.query = event.target.value; list.page = 0; renderList(); },
      })]),
      el('span', { class: 'muted' }, [el('span', { class: 'kbd', text: '/' }), ' search, ', el('span', { class: 'kbd', text: 'j' }), ' ', el('span', { class: 'kbd', text: 'k' }), ' next and previous document, ', el('span', { class: 'kbd', text: 'Esc' }), ' back']),
    ]));
    corpusView.appendChild(el('div', { id: 'document-list' }));
    renderList();
    // Time and pipeline.
    const stageRows = (run.stages || []).map(function (stage) {
      return [stage.name, stage.kind, formatSeconds(stage.countingSeconds), formatSeconds(stage.processingSeconds), formatSeconds(stage.seconds), String(stage.documents)];
    });
    corpusView.appendChild(el('h2', { text: 'Time per stage and pass (CPU seconds over all workers)' }));
    corpusView.appendChild(table(['stage', 'kind', { label: 'counting', number: true }, { label: 'processing', number: true }, { label: 'all', number: true }, { label: 'documents', number: true }], stageRows, { id: 'stage-times' }));
    corpusView.appendChild(el('h2', { text: 'Pipeline and options' }));
    const options = ['pipeline', 'pipelineFile', 'pipelineHash', 'input', 'output', 'jobs', 'maxBytes', 'failFast', 'version', 'icuVersion', 'started', 'finished']
      .filter(function (key) { return run[key] !== undefined; })
      .map(function (key) { return [key, String(run[key])]; });
    corpusView.appendChild(table(['option', 'value'], options));
  }

  /** Top keywords by month, as a table of counts shaded by value (the numbers carry it). */
  function renderTimeline() {
    const timeline = corpus.timeline || { months: [], terms: [] };
    const section = el('section', { id: 'timeline' }, [el('h2', { text: 'Keywords over time' })]);
    if (timeline.months.length === 0 || timeline.terms.length === 0) {
      section.appendChild(el('p', { class: 'muted', text: 'No document has a date (a layout stage finds datelines; JSON-lines input may give a `date`).' }));
      return section;
    }
    const max = Math.max(1, ...timeline.terms.flatMap(function (term) { return term[1]; }));
    const rows = timeline.terms.map(function (term) {
      return el('tr', {}, [el('th', { scope: 'row', text: term[0] })].concat(term[1].map(function (count, index) {
        const shade = count === 0 ? 0 : 0.15 + 0.6 * count / max;
        return el('td', {
          class: 'cell', title: term[0] + ', ' + timeline.months[index] + ': ' + count + ' documents',
          style: 'background: color-mix(in srgb, var(--bar) ' + Math.round(shade * 100) + '%, transparent)', text: count ? String(count) : '·',
        });
      })));
    });
    section.appendChild(el('table', { class: 'heat' }, [
      el('thead', {}, [el('tr', {}, [el('th', { text: 'keyword \\ month' })].concat(timeline.months.map(function (month, index) {
        return el('th', { class: 'number', text: month, title: timeline.documents[index] + ' documents' });
      })))]),
      el('tbody', {}, rows),
    ]));
    section.appendChild(el('p', { class: 'muted', text: 'Documents per month among whose keywords the term is.' }));
    return section;
  }

  function filteredRows() {
    const query = list.query.trim().toLowerCase();
    let rows = corpus.documents;
    if (query) {
      rows = rows.filter(function (d) {
        return [d[ID], d[TITLE], d[LANG], d[STATUS], d[KEYWORDS], d[DATE]].some(function (value) { return String(value).toLowerCase().includes(query); });
      });
    }
    if (list.sort !== null) {
      const column = list.sort, sign = list.descending ? -1 : 1;
      rows = rows.slice().sort(function (a, b) {
        const x = a[column], y = b[column];
        return sign * (typeof x === 'number' ? x - y : String(x).localeCompare(String(y)));
      });
    }
    return rows;
  }

  function renderList() {
    const holder = document.getElementById('document-list');
    if (!holder) return;
    list.rows = filteredRows();
    const pageCount = Math.max(1, Math.ceil(list.rows.length / list.size));
    list.page = Math.min(list.page, pageCount - 1);
    const shown = list.rows.slice(list.page * list.size, (list.page + 1) * list.size);
    const columns = [[ID, 'id'], [TITLE, 'title'], [DATE, 'date'], [LANG, 'language'], [STATUS, 'status'], [KEYWORDS, 'keywords'], [CHARS, 'characters']];
    const head = el('tr', {}, columns.map(function (column) {
      const sorted = list.sort === column[0];
      return el('th', {
        class: 'sortable', scope: 'col', tabindex: '0', 'aria-sort': sorted ? (list.descending ? 'descending' : 'ascending') : 'none', text: column[1],
        onclick: function () { sortBy(column[0]); },
        onkeydown: function (event) { if (event.key === 'Enter') sortBy(column[0]); },
      });
    }));
    const body = el('tbody', {}, shown.map(function (d) {
      return el('tr', { 'data-doc': d[ID], 'data-status': d[STATUS] }, [
        el('td', {}, [documentLink(d[ID])]), el('td', { dir: 'auto', text: d[TITLE] }), el('td', { text: d[DATE] }), el('td', { text: d[LANG] }),
        el('td', { class: 'status-' + d[STATUS], text: d[STATUS] }), el('td', { dir: 'auto', text: d[KEYWORDS] }), el('td', { class: 'number', text: String(d[CHARS]) }),
      ]);
    }));
    holder.replaceChildren(
      el('table', { id: 'documents-table' }, [el('thead', {}, [head]), body]),
      el('div', { class: 'pager' }, [
        el('button', { disabled: list.page === 0, onclick: function () { list.page--; renderList(); }, text: '← previous' }),
        el('span', { text: 'page ' + (list.page + 1) + ' of ' + pageCount + ' (' + list.rows.length + ' documents)' }),
        el('button', { disabled: list.page >= pageCount - 1, onclick: function () { list.page++; renderList(); }, text: 'next →' }),
      ]));
  }

  function sortBy(column) {
    if (list.sort === column) list.descending = !list.descending;
    else { list.sort = column; list.descending = false; }
    renderList();
  }

  // MARK: document view

  function showDocument(id) {
    const row = corpus.documents.find(function (d) { return d[ID] === id; });
    corpusView.hidden = true;
    documentView.hidden = false;
    window.scrollTo(0, 0);
    if (!row) {
      documentView.replaceChildren(el('p', { class: 'error-text', text: 'No document with id ' + id + ' in this run.' }));
      ready('document');
      return;
    }
    documentView.replaceChildren(el('p', { class: 'muted', text: 'Loading ' + id + '…' }));
    loadPage(row[PAGE], function (records) {
      const record = records.find(function (r) { return r.id === id; });
      renderDocument(row, record);
      ready('document');
    }, function (source) {
      documentView.replaceChildren(el('p', { class: 'error-text', text: 'Cannot load ' + source + ': keep the report-data folder beside this page.' }));
      ready('document');
    });
  }

  function neighbour(id, step) {
    const rows = list.rows.length ? list.rows : corpus.documents;
    const index = rows.findIndex(function (d) { return d[ID] === id; });
    if (index < 0) return null;
    const next = rows[index + step];
    return next ? next[ID] : null;
  }

  function renderDocument(row, record) {
    const id = row[ID];
    const previous = neighbour(id, -1), next = neighbour(id, 1);
    const language = stages.language ? record[stages.language] : null;
    const code = (language && language.code) || row[LANG] || '';
    const layout = stages.layout ? record[stages.layout] : null;
    const keywords = (stages.keywords && record[stages.keywords]) || [];
    const summary = stages.summary ? record[stages.summary] : null;
    const sentences = (stages.sentences && record[stages.sentences]) || [];
    const normalized = stages.normalize ? record[stages.normalize] : null;
    const text = normalized && typeof normalized.text === 'string' ? normalized.text
      : sentences.map(function (s) { return s.text; }).join(' ');
    const view = [];
    view.push(el('nav', { class: 'doc-nav' }, [
      el('a', { href: '#', text: '← all documents' }),
      previous ? el('a', { href: '#doc=' + encodeURIComponent(previous), id: 'previous-doc', text: '↑ previous (k)' }) : null,
      next ? el('a', { href: '#doc=' + encodeURIComponent(next), id: 'next-doc', text: '↓ next (j)' }) : null,
    ]));
    view.push(el('h1', { dir: 'auto', text: (layout && layout.title) || id }));
    view.push(el('p', { class: 'muted' }, [
      el('code', { text: id }), ' · ', el('span', { class: 'status-' + record.status, text: record.status }),
      code ? ' · language ' + code : '', row[DATE] ? ' · ' + row[DATE] : '', ' · ' + row[CHARS] + ' characters, ' + sentences.length + ' sentences',
    ]));
    if (record.error) {
      view.push(el('p', { class: 'error-text', id: 'document-error' }, [
        'Failed in stage ' + record.error.stage + ' (' + record.error.code + '): ' + record.error.message,
      ]));
    }
    // Keywords, summary, layout, language.
    const info = el('div', { class: 'grid' });
    if (keywords.length) {
      info.appendChild(el('section', {}, [el('h2', { text: 'Keywords' }), table(['keyword', { label: 'score', number: true }, { label: 'occurrences', number: true }], keywords.map(function (k) {
        return [el('span', { dir: 'auto', text: k.text }), k.score.toFixed(3), String((k.occurrences || []).length)];
      }), { id: 'keywords' })]));
    }
    if (summary && summary.sentences) {
      info.appendChild(el('section', {}, [el('h2', { text: 'Summary sentences' }), el('ol', { id: 'summary' }, summary.sentences.map(function (index, rank) {
        const sentence = sentences[index];
        return el('li', { 'data-sentence': index }, [
          el('span', { dir: 'auto', text: sentence ? sentence.text : '' }),
          el('span', { class: 'muted', text: ' [' + (index + 1) + '] score ' + (summary.scores && summary.scores[rank] !== undefined ? summary.scores[rank].toFixed(3) : '?') }),
        ]);
      }))]));
    }
    if (layout) {
      info.appendChild(el('section', {}, [el('h2', { text: 'Layout' }), table(['part', 'value'], [
        ['title', layout.title || ''], ['dateline', layout.dateline || ''], ['date', layout.date || ''],
        ['body', layout.body ? layout.body.start + '–' + layout.body.end : ''], ['trailer', (layout.trailer || []).join(' | ')],
      ], { id: 'layout' })]));
    }
    if (language) {
      info.appendChild(el('section', {}, [el('h2', { text: 'Language' }), table(['language', { label: 'share', number: true }], (language.shares || []).map(function (share) {
        return [share.code, (100 * share.share).toFixed(0) + ' %'];
      }).concat([['confidence of ' + language.code, (language.confidence || 0).toFixed(2)]]))]));
    }
    view.push(info);
    // The text.
    view.push(el('h2', { text: 'Text' }));
    view.push(el('p', { class: 'legend muted' }, [
      el('span', { text: '[n] sentence n' }), el('span', { text: '★ summary sentence' }), el('span', {}, [el('mark', { class: 'keyword', text: 'keyword' })]),
      el('span', { text: 'italic: outside the body (title, dateline, trailer)' }),
    ]));
    const textElement = el('div', { class: 'doc-text', id: 'document-text', lang: code || null, dir: RTL.has(code) ? 'rtl' : 'auto' });
    fillText(textElement, text, sentences, keywords, summary, layout);
    view.push(textElement);
    // Raw outputs.
    view.push(el('h2', { text: 'Stage outputs' }));
    for (const name of Object.keys(record).sort()) {
      view.push(el('details', { 'data-stage': name }, [el('summary', { text: name }), el('pre', { text: JSON.stringify(record[name], null, 2) })]));
    }
    documentView.replaceChildren.apply(documentView, view);
    textElement.dataset.direction = getComputedStyle(textElement).direction;
  }

  /** The text, sentence by sentence, keywords marked at their offsets (code points). */
  function fillText(holder, text, sentences, keywords, summary, layout) {
    const points = Array.from(text);
    const chosen = new Set((summary && summary.sentences) || []);
    const spans = [];
    keywords.forEach(function (keyword) {
      (keyword.occurrences || []).forEach(function (span) { spans.push({ start: span[0], end: span[1], keyword: keyword.text }); });
    });
    spans.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    const body = layout && layout.body;
    let position = 0, next = 0;
    function piece(start, end) { return points.slice(start, end).join(''); }
    function marked(parent, start, end) {
      let at = start;
      while (next < spans.length && spans[next].end <= start) next++;
      for (let index = next; index < spans.length && spans[index].start < end; index++) {
        const span = spans[index];
        if (span.start < at) continue;  // overlaps one already marked
        const stop = Math.min(span.end, end);
        if (span.start > at) parent.appendChild(document.createTextNode(piece(at, span.start)));
        parent.appendChild(el('mark', { class: 'keyword', 'data-keyword': span.keyword, title: 'keyword: ' + span.keyword, text: piece(span.start, stop) }));
        at = stop;
      }
      if (at < end) parent.appendChild(document.createTextNode(piece(at, end)));
    }
    sentences.forEach(function (sentence, index) {
      if (sentence.start > position) marked(holder, position, sentence.start);
      const outside = body ? (sentence.end <= body.start ? 'head' : sentence.start >= body.end ? 'tail' : null) : null;
      const node = el('span', {
        class: 'sentence' + (chosen.has(index) ? ' summary' : ''), 'data-index': index, 'data-number': index + 1, 'data-layout': outside, dir: 'auto',
      });
      marked(node, sentence.start, sentence.end);
      holder.appendChild(node);
      position = sentence.end;
    });
    if (position < points.length) marked(holder, position, points.length);
  }

  // MARK: routing and keys

  function ready(view) {
    document.body.dataset.ready = view;
    document.body.dataset.renderMs = String(Math.round(performance.now() - started));
  }

  function route() {
    const match = /^#doc=(.*)$/.exec(location.hash);
    if (match) {
      showDocument(decodeURIComponent(match[1]));
    } else {
      documentView.hidden = true;
      corpusView.hidden = false;
      ready('corpus');
    }
  }

  document.addEventListener('keydown', function (event) {
    if (event.target && (event.target.tagName === 'INPUT' || event.target.tagName === 'TEXTAREA')) {
      if (event.key === 'Escape') event.target.blur();
      return;
    }
    const match = /^#doc=(.*)$/.exec(location.hash);
    const current = match ? decodeURIComponent(match[1]) : null;
    if (event.key === '/' && !current) { event.preventDefault(); document.getElementById('search').focus(); return; }
    if (event.key === 'Escape' && current) { location.hash = ''; return; }
    if (!current) return;
    const step = event.key === 'j' || event.key === 'ArrowRight' ? 1 : event.key === 'k' || event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = neighbour(current, step);
    if (target) { event.preventDefault(); location.hash = 'doc=' + encodeURIComponent(target); }
  });

  window.addEventListener('hashchange', route);
  renderCorpus();
  route();
})();
