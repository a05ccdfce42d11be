/*
 * Error-code site front end: filter and sort the index table, highlight the code a
 * link points to, and give every code a "copy link" button.
 *
 * Runs on every page Material shows, instant navigation included, through document$.
 * Plain JavaScript, no dependencies, nothing fetched.
 */
(function () {
  "use strict";

  // What the generator and this script share (where the codes' lookup is, what a code
  // looks like, what the API calls its fields, the words this script writes in the site's
  // language) is written by the generator on a <meta name="errcat"> in every page's head:
  // one per catalog of the site (a site may hold several references, each in its folder),
  // the same on every page.
  var metas = Array.prototype.slice.call(document.querySelectorAll('meta[name="errcat"]'));
  var settings = (metas[0] || { dataset: {} }).dataset;
  var READY = settings.ready;  // the dataset key of the mark a set-up element gets
  var catalogs = metas.map(function (meta) { return catalogOf(meta.dataset); });

  function catalogOf(data) {
    // The code in a pasted response: the field's name is the site's code label, or `code`.
    var fields = [data.codeLabel, "code"].filter(Boolean).map(function (name) {
      return name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|");
    return {
      folder: data.folder || "",  // from the site's root: "" or "reference/errors/"
      lookup: data.lookup,
      integer: data.codeType !== "text",
      code: new RegExp("^(?:" + (data.codePattern || "-?[0-9]+") + ")$"),
      response: new RegExp(
        "(?:^|[^A-Za-z0-9_])[\"']?(?:" + fields + ")[\"']?\\s*[:=]\\s*[\"']?(-?[A-Za-z0-9_.-]+)", "i"
      ),
      codes: null,  // the lookup, once fetched
      words: wordsOf(data.words)
    };
  }

  // The words of a catalog's pages (data-words: errcat's, in the site's language): its
  // texts by key, and the language's own plural rules and way of writing numbers (Intl).
  function wordsOf(json) {
    var words = {};
    try { words = JSON.parse(json || "{}"); } catch (error) { /* none: keys show */ }
    var plurals = null, numbers = null;
    try {
      plurals = new Intl.PluralRules(words.language);
      numbers = new Intl.NumberFormat(words.language, { numberingSystem: words.numbers });
    } catch (error) {  // a language the browser does not know: its own
      plurals = new Intl.PluralRules();
      numbers = new Intl.NumberFormat();
    }
    var messages = words.messages || {};
    // The text of `key` with `values` put in ({name}; {Name} with a capital), as a list of
    // strings and nodes; a text that counts takes the form of values.count (a number).
    function parts(key, values) {
      var message = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
      if (typeof message === "object") {
        message = message[plurals.select(values.count)] || message.other;
      }
      var out = [];
      var last = 0;
      message.replace(/\{([A-Za-z_]+)\}/g, function (found, name, at) {
        var lower = name.charAt(0).toLowerCase() + name.slice(1);
        var value = Object.prototype.hasOwnProperty.call(values, lower) ? values[lower] : undefined;
        if (value === undefined) return found;
        if (typeof value === "number") value = numbers.format(value);
        if (lower !== name && typeof value === "string") value = value.charAt(0).toUpperCase() + value.slice(1);
        out.push(message.slice(last, at), value);
        last = at + found.length;
        return found;
      });
      out.push(message.slice(last));
      return out;
    }
    return {
      parts: parts,
      text: function (key, values) { return parts(key, values || {}).join(""); },
      columns: words.columns || {}
    };
  }

  // The catalog whose folder holds `path` (relative to the site's root): the deepest one.
  function catalogAt(path) {
    var found = null;
    catalogs.forEach(function (catalog) {
      if (path.indexOf(catalog.folder) === 0 && (!found || catalog.folder.length > found.folder.length)) {
        found = catalog;
      }
    });
    return found;
  }

  function pathInSite() {
    var root = new URL(siteRoot || "/", window.location.href).pathname;
    var path = safeDecode(window.location.pathname);
    return path.indexOf(root) === 0 ? path.slice(root.length) : path.replace(/^\//, "");
  }

  /* ---- The index table: filter as you type, sort by column ---------------------- */

  // Laying out and styling rows that come into a table takes about half a millisecond a
  // row on a slow machine: a long table (marked errcat-long by the renderer) shows at
  // most data-rows-shown matching rows at once, and a button shows the rest.
  var ADDRESS_DELAY = 300;  // ms after the last keystroke

  function setUpIndexTable(table) {
    if (table.dataset[READY]) return;
    table.dataset[READY] = "1";
    var catalog = catalogAt(pathInSite()) || catalogs[0];
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var state = {
      query: "",
      order: rows.map(function (_, i) { return i; }),
      showAll: false,
      sortedBy: null,  // {column, order}, as the count says them
      cap: table.classList.contains("errcat-long") ? parseInt(table.dataset.rowsShown, 10) : Infinity
    };
    var view = createControls(table, catalog.words);
    var filter = rowFilter(rows);
    var show = rowShower(tbody, rows);

    var codes = rows.map(function (row) { return row.cells[0].textContent.trim(); });

    var later = deferrer(tbody);

    // `typing`: the rows the screen has room for are shown in the frame after the key, the
    // rest as many again a frame (styling and laying out a row that comes back into the
    // table is what a keystroke costs, and a frame that does less lets the next key in sooner).
    function render(typing) {
      // A pasted response ({"code":40001,...} or code=40001) shows its code's row.
      var pasted = codeInResponse(state.query, catalog);
      var matched = pasted === null ? filter(state.query, state.order) : state.order.filter(function (i) {
        return catalog.integer ? codes[i] === pasted : codes[i].toLowerCase() === pasted.toLowerCase();
      });
      var shown = Math.min(matched.length, state.showAll ? Infinity : state.cap);
      var step = typing === true ? Math.max(later.rowsInView(), 10) : shown;
      later.cancel();
      (function upTo(count) {
        show(matched, count);
        if (count < shown) later.run(function () { upTo(Math.min(shown, count + step)); });
      })(Math.min(shown, step));
      view.update(state.query, matched.length, shown, rows.length, state.sortedBy);
    }

    var address = addressKeeper(view.input);
    view.input.addEventListener("input", function () {
      state.query = view.input.value;
      render(true);
      address.followSoon();
    });
    view.more.addEventListener("click", function () {
      state.showAll = true;
      render();
    });
    var initial = takeInitialQuery();
    view.input.value = state.query = initial;
    render();
    if (initial) address.follow(initial);
    setUpSorting(table, rows, state, render, view, catalog.words);
  }

  // The filter box, count, "show all" button and empty state, placed around the table.
  function createControls(table, words) {
    var controls = document.createElement("div");
    controls.className = "errcat-filter";
    controls.innerHTML =
      '<label for="errcat-filter-input"></label>' +
      '<input id="errcat-filter-input" type="search" autocomplete="off" spellcheck="false">' +
      '<label class="errcat-sort-by"><span></span> <select><option value=""></option></select></label>' +
      '<p class="errcat-count" role="status" aria-live="polite"></p>';
    controls.querySelector("label").textContent = words.text("filter.label");
    controls.querySelector("input").placeholder = words.text("filter.placeholder");
    controls.querySelector(".errcat-sort-by span").textContent = words.text("sort.label");
    controls.querySelector("option").textContent = words.text("sort.catalog_order");
    var empty = document.createElement("p");
    empty.className = "errcat-empty";
    empty.hidden = true;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "errcat-more md-button";
    more.hidden = true;
    var anchor = table.closest(".md-typeset__scrollwrap") || table;
    anchor.parentNode.insertBefore(controls, anchor);
    anchor.parentNode.insertBefore(more, anchor.nextSibling);
    anchor.parentNode.insertBefore(empty, anchor.nextSibling);
    var count = controls.querySelector(".errcat-count");
    return {
      input: controls.querySelector("input"),
      sort: controls.querySelector("select"),
      more: more,
      // The count is the live region: filtering and sorting are announced through it.
      update: function (query, matches, shown, total, sortedBy) {
        count.textContent = words.text("filter.count", { matched: matches, count: total }) +
          (shown < matches ? words.text("filter.showing_first", { count: shown }) : "") +
          (sortedBy ? words.text("filter.sorted", sortedBy) : "");
        more.hidden = shown === matches;
        more.textContent = words.text("filter.more", { count: matches });
        empty.hidden = matches !== 0;
        if (matches === 0) empty.textContent = words.text("filter.empty", { query: query.trim() });
      }
    };
  }

  // The rows (by index, in the given order) whose text holds every word of the query,
  // both folded (see fold). Each row's folded text is computed once; cells are joined by a
  // character no query contains. Typing narrows: when the new query only adds characters to
  // the last one (each of its words then holds a word of the last query), only the rows the
  // last query matched can match, so only they are tested. The last few results are kept for
  // Backspace. Results are for one order: the cache is cleared when the order changes.
  function rowFilter(rows) {
    var texts = rows.map(function (row) {
      return fold(Array.prototype.map.call(row.cells, function (cell) {
        return cell.textContent;
      }).join("\u0000"));
    });
    var recent = [];  // [{query, order, matched}], newest last
    var KEPT = 16;
    return function (query, order) {
      var lower = fold(query);
      var terms = lower.split(/\s+/).filter(Boolean);
      var candidates = order;
      for (var i = recent.length - 1; i >= 0; i--) {
        var earlier = recent[i];
        if (earlier.order !== order) continue;
        if (earlier.query === lower) return earlier.matched;
        if (candidates === order && lower.indexOf(earlier.query) === 0) {
          candidates = earlier.matched;
        }
      }
      var matched = [];
      for (var k = 0; k < candidates.length; k++) {
        var text = texts[candidates[k]];
        var match = true;
        for (var t = 0; t < terms.length; t++) {
          if (text.indexOf(terms[t]) === -1) { match = false; break; }
        }
        if (match) matched.push(candidates[k]);
      }
      recent.push({ query: lower, order: order, matched: matched });
      if (recent.length > KEPT) recent.shift();
      return matched;
    };
  }

  // Text as the filter compares it, so that a reader finds a word however they type it:
  // in lower case, without accents (e for \u00e9), and with the letters that the page's
  // language (<html lang>) also writes as two written as those two (German \u00fc as ue,
  // \u00df as ss), on both sides: `strasse` finds Stra\u00dfe, and `Stra\u00dfe` Strasse.
  var FOLDED_LETTERS = new Map([  // by language; "": in every one (ligatures, letters with a stroke)
    ["", [["\u00df", "ss"], ["\u00e6", "ae"], ["\u0153", "oe"], ["\u00f8", "o"], ["\u0142", "l"], ["\u0111", "d"]]],
    ["de", [["\u00e4", "ae"], ["\u00f6", "oe"], ["\u00fc", "ue"]]]
  ]);
  var ACCENTS = /[\u0300-\u036f]/g;  // combining marks, once letters are decomposed (NFD)
  var ASCII = /^[\x00-\x7f]*$/;
  var folded = (function () {
    var language = (document.documentElement.lang || "").toLowerCase().split(/[-_]/)[0];
    var pairs = FOLDED_LETTERS.get("").concat((language && FOLDED_LETTERS.get(language)) || []);
    return {
      letters: new Map(pairs),
      pattern: new RegExp("[" + pairs.map(function (pair) { return pair[0]; }).join("") + "]", "g")
    };
  })();

  function fold(text) {
    text = text.toLowerCase();
    if (ASCII.test(text)) return text;  // most text: nothing more to do
    return text.normalize("NFC")
      .replace(folded.pattern, function (letter) { return folded.letters.get(letter); })
      .normalize("NFD").replace(ACCENTS, "");
  }

  // Shows the first `shown` of the matched rows, in order. Rows that stay keep their
  // place in the document: the browser then lays out and styles only the rows that
  // come or go, not the whole table again.
  function rowShower(tbody, rows) {
    var wanted = new Uint8Array(rows.length);
    rows.forEach(function (row, i) { row.errcatIndex = i; });
    return function (matched, shown) {
      var r;
      for (r = 0; r < shown; r++) wanted[matched[r]] = 1;
      var node = tbody.firstElementChild;
      while (node) {
        var next = node.nextElementSibling;
        if (!wanted[node.errcatIndex]) tbody.removeChild(node);
        node = next;
      }
      node = tbody.firstElementChild;
      for (r = 0; r < shown; r++) {
        var row = rows[matched[r]];
        wanted[matched[r]] = 0;
        if (node === row) node = node.nextElementSibling;
        else tbody.insertBefore(row, node);
      }
    };
  }

  // Work that can wait for the frame after next: one task at a time, cancelled by the
  // next keystroke (which redoes it). While it is pending the table body is aria-busy.
  function deferrer(tbody) {
    var frame = 0, timer = 0;
    var rowHeight = 0;  // the shortest row yet seen: how many rows the screen can hold
    function cancel() {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      frame = timer = 0;
      tbody.removeAttribute("aria-busy");
    }
    return {
      rowsInView: function () {
        var first = tbody.rows[0];
        if (first && first.offsetHeight > 0) {
          rowHeight = rowHeight ? Math.min(rowHeight, first.offsetHeight) : first.offsetHeight;
        }
        var top = Math.max(tbody.getBoundingClientRect().top, 0);
        return Math.max(1, Math.ceil((window.innerHeight - top) / (rowHeight || 24)) + 1);
      },
      run: function (work) {
        tbody.setAttribute("aria-busy", "true");
        frame = requestAnimationFrame(function () {
          timer = setTimeout(function () {
            cancel();
            work();
          }, 0);
        });
      },
      cancel: cancel
    };
  }

  // The address (?q=) follows the filter. Chromium takes up to tens of milliseconds for a
  // replaceState now and then: it follows once typing pauses, not on every key, and with
  // replaceState, so that typing does not fill the history with one entry per key.
  function addressKeeper(input) {
    var timer = 0;
    var page = window.location.pathname;
    function follow(query) {
      var url = new URL(window.location.href);
      if (query) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      window.history.replaceState(window.history.state, "", url.href);
    }
    return {
      follow: follow,
      followSoon: function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          // Not if the user has gone to another page meanwhile.
          if (document.contains(input) && window.location.pathname === page) follow(input.value.trim());
        }, ADDRESS_DELAY);
      }
    };
  }

  function takeInitialQuery() {
    // On a first load, the page's head script has taken ?q= away from Material's
    // search (which would open itself with it); after instant navigation it is still
    // in the address.
    var early = window.__errcatInitialQuery;
    window.__errcatInitialQuery = undefined;
    if (typeof early === "string") return early;
    return new URL(window.location.href).searchParams.get("q") || "";
  }

  // Sorting, by the header buttons or, where the header row is hidden (phones), by the
  // "Sort by" menu; both stay in step, and the count says what happened.
  function setUpSorting(table, rows, state, render, view, words) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var names = headers.map(function (header) { return header.textContent.trim(); });
    // Each column's name inside a sentence ("sorted by code"), by its heading.
    var inSentence = names.map(function (name) {
      return Object.prototype.hasOwnProperty.call(words.columns, name) ? words.columns[name] : name;
    });
    var keys = [];  // per column, computed on its first use
    var current = { column: -1, direction: 1 };

    function sortBy(column, direction) {
      current = { column: column, direction: direction };
      if (!keys[column]) {
        var numeric = headers[column].dataset.sort === "number";  // set by the renderer: integer codes
        keys[column] = rows.map(function (row) {
          var text = row.cells[column].textContent.trim();
          return numeric ? text : text.toLowerCase();
        });
        keys[column].numeric = numeric;
      }
      var key = keys[column];
      var compare = key.numeric ? compareIntegers : compareTexts;
      state.order = state.order.slice().sort(function (a, b) {  // a new order: see rowFilter
        return (compare(key[a], key[b]) || a - b) * direction;
      });
      var order = direction === 1 ? "ascending" : "descending";
      state.sortedBy = { column: inSentence[column], order: words.text("sort." + order) };
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      headers[column].setAttribute("aria-sort", order);
      view.sort.value = column + ":" + direction;
      render();
    }

    headers.forEach(function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "errcat-sort";
      button.innerHTML = '<span></span><span class="errcat-sort-icon" aria-hidden="true"></span>';
      button.firstChild.textContent = names[column];
      header.textContent = "";
      header.appendChild(button);
      button.addEventListener("click", function () {
        sortBy(column, current.column === column ? -current.direction : 1);
      });
      [1, -1].forEach(function (direction) {
        var option = document.createElement("option");
        option.value = column + ":" + direction;
        option.textContent = words.text("sort.option", {
          column: names[column],
          order: words.text(direction === 1 ? "sort.ascending" : "sort.descending")
        });
        view.sort.appendChild(option);
      });
    });
    view.sort.addEventListener("change", function () {
      var parts = view.sort.value.split(":");
      if (parts.length === 2) {
        sortBy(parseInt(parts[0], 10), parseInt(parts[1], 10));
        return;
      }
      // Back to catalog order.
      current = { column: -1, direction: 1 };
      state.order = state.order.slice().sort(function (a, b) { return a - b; });
      state.sortedBy = null;
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      render();
    });
  }

  function compareTexts(x, y) {
    return x < y ? -1 : x > y ? 1 : 0;
  }

  // Two integers written in decimal, of any size: a code may be up to 2^63 - 1, past what
  // a JavaScript number holds exactly, so they are compared as text, never as numbers.
  function compareIntegers(x, y) {
    var negativeX = x.charAt(0) === "-", negativeY = y.charAt(0) === "-";
    if (negativeX !== negativeY) return negativeX ? -1 : 1;
    if (negativeX) { x = x.slice(1); y = y.slice(1); }
    var order = x.length - y.length || compareTexts(x, y);
    return negativeX ? -order : order;
  }

  // A code of `catalog` as its anchor is written, from what someone typed: an integer
  // without leading zeros (070093 is 70093), a text code as it is; null if it cannot be one.
  function codeOf(text, catalog) {
    text = text.trim();
    if (catalog.integer) {
      var match = /^(-?)0*([0-9]+)$/.exec(text);
      if (!match) return null;
      text = match[2] === "0" ? "0" : match[1] + match[2];
    }
    return catalog.code.test(text) ? text : null;
  }

  // The code in an API response someone pasted: a JSON body such as
  // {"code":40001,"message":"..."}, or a line such as code=40001 (the field's name is
  // the site's code label, or `code`); null if the text is not one. Read as text, never as
  // a JSON number: a code may be larger than a JavaScript number holds.
  function codeInResponse(text, catalog) {
    if (!/[:=]/.test(text)) return null;
    var found = catalog.response.exec(text);
    return found ? codeOf(found[1], catalog) : null;
  }

  // The lookup entry of a code: exact, or for text codes whatever its case (no two codes
  // of a catalog differ only in case).
  function entryOf(lookup, code, catalog) {
    if (Object.prototype.hasOwnProperty.call(lookup, code)) return { code: code, entry: lookup[code] };
    if (catalog.integer) return null;
    if (!lookup.__folded) {
      var folded = {};
      Object.keys(lookup).forEach(function (key) { folded[key.toLowerCase()] = key; });
      Object.defineProperty(lookup, "__folded", { value: folded });
    }
    var key = lookup.__folded[code.toLowerCase()];
    return key === undefined ? null : { code: key, entry: lookup[key] };
  }

  /* ---- Code headings: deep-link highlight and copy-link buttons ------------------ */

  function highlightTarget() {
    var previous = document.querySelectorAll(".errcat-target");
    for (var i = 0; i < previous.length; i++) previous[i].classList.remove("errcat-target");
    var id = window.location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (error) { /* not percent-encoded: as it is */ }
    var target = id && document.getElementById(id);
    if (target && target.classList.contains("errcat-moved-code")) {
      // A code that moved to another category: its old anchor leads to where it is now,
      // in place of this address in the history.
      window.location.replace(target.querySelector("a").href);
      return;
    }
    if (!target || !target.classList.contains("errcat-heading")) return;
    // `:target` does not follow Material's instant navigation (history.pushState),
    // so the class marks the code whichever way it was reached.
    target.classList.add("errcat-target");
    var entry = target.nextElementSibling;
    if (entry && entry.classList.contains("errcat-entry")) entry.classList.add("errcat-target");
  }

  // Each code's heading has one link control: its permalink, which the script makes copy
  // the link as it follows it (without JavaScript it is Material's plain ¶ link).
  function addCopyButtons(root) {
    var headings = root.querySelectorAll("h2.errcat-heading");
    var words = pageWords();
    for (var i = 0; i < headings.length; i++) {
      var heading = headings[i];
      var link = heading.querySelector("a.headerlink");
      if (!link || link.classList.contains("errcat-copy")) continue;
      link.classList.add("errcat-copy");
      link.dataset.for = heading.id;
      link.title = words.text("copy.title");
      link.setAttribute("aria-label", words.text("copy.label", { code: heading.id }));
      link.innerHTML =
        '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0M13 6.1l1.4-1.4a5 5 0 0 1 7 7L20 13a1 1 0 0 1-1.4-1.4l1.4-1.4a3 3 0 0 0-4.2-4.2L14.4 7.5A1 1 0 0 1 13 6.1m-2 11.8-1.4 1.4a5 5 0 0 1-7-7L4 11a1 1 0 0 1 1.4 1.4L4 13.8A3 3 0 0 0 8.2 18l1.4-1.4a1 1 0 0 1 1.4 1.4"/></svg>' +
        '<span class="errcat-copy-status" aria-live="polite"></span>';
    }
  }

  function codeUrl(code) {
    var url = new URL(window.location.href);
    url.search = "";
    url.hash = code;
    return url.href;
  }

  // Settles when the Clipboard API has copied `text`; fails where it is missing (a page
  // served over plain HTTP has no navigator.clipboard: the TypeError rejects), throws or
  // refuses.
  function copyText(text) {
    return new Promise(function (resolve) {
      resolve(navigator.clipboard.writeText(text));
    });
  }

  var COPY_KEYS = /Mac|iPhone|iPad/.test(navigator.platform || "") ? "\u2318C" : "Ctrl+C";

  // A link that could not be copied is offered selected, in a field after the control, for
  // the reader to copy with the keyboard; the field goes once it loses focus.
  function offerToCopy(button, url, status) {
    var field = button.nextElementSibling;
    if (!field || !field.classList.contains("errcat-copy-field")) {
      field = document.createElement("input");
      field.type = "text";
      field.readOnly = true;
      field.className = "errcat-copy-field";
      field.dir = "ltr";
      field.setAttribute("aria-label", pageWords().text("copy.field", { code: button.dataset.for }));
      field.addEventListener("blur", function () {
        field.remove();
        status.textContent = "";
      });
      button.parentNode.insertBefore(field, button.nextSibling);
    }
    field.value = url;
    status.textContent = pageWords().text("copy.failed", { keys: COPY_KEYS });
    field.focus();
    field.select();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".errcat-copy");
    if (!button) return;
    // A click for a new tab or window (Ctrl, Cmd, Shift or Alt held, or another button than
    // the first) is the browser's, as on any link; not Material's instant navigation's either,
    // which would take a Shift- or Alt-click and draw this page again.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      event.stopPropagation();
      return;
    }
    // Follow the link here, then copy it. Material's instant navigation would take the
    // click and draw the page again, with the control's state lost: this listener runs
    // first (capture) and keeps the click to itself.
    event.preventDefault();
    event.stopPropagation();
    var id = button.dataset.for;
    if (window.location.href !== codeUrl(id)) window.history.pushState(window.history.state, "", codeUrl(id));
    var heading = document.getElementById(id);
    if (heading) heading.scrollIntoView();
    highlightTarget();
    var status = button.querySelector(".errcat-copy-status");
    var url = codeUrl(id);
    clearTimeout(button.errcatTimer);  // an earlier click's "Link copied" goes now
    button.classList.remove("errcat-copied");
    copyText(url).then(function () {
      status.textContent = pageWords().text("copy.done");
      button.classList.add("errcat-copied");
      button.errcatTimer = setTimeout(function () {
        status.textContent = "";
        button.classList.remove("errcat-copied");
      }, 2000);
    }, function () {
      offerToCopy(button, url, status);
    });
  }, true);

  /* ---- Search: a code number goes straight to its entry ------------------------- */

  // Material's search ranks "1" below 10001..10005 (it searches prefixes) and reads a
  // leading "-" as "exclude", so "-2" finds nothing. A query that is exactly a code
  // gets a direct hit above Material's results; Enter follows it.
  var scriptUrl = (document.currentScript && document.currentScript.src || "").replace(/[?#].*$/, "");
  var script = settings.script || "";
  var siteRoot = script && scriptUrl.slice(-script.length) === script ? scriptUrl.slice(0, -script.length) : "";

  function loadCodes(catalog) {
    if (!catalog.codes) {
      catalog.codes = fetch(siteRoot + catalog.lookup).then(function (response) {
        if (!response.ok) throw new Error(catalog.lookup + ": " + response.status);
        return response.json();
      });
    }
    return catalog.codes;
  }

  // The code `text` names in `catalog`, and its entry, or null.
  function findCode(text, catalog) {
    var code = codeOf(text, catalog);
    if (code === null) code = codeInResponse(text, catalog);
    if (code === null) return Promise.resolve(null);
    return loadCodes(catalog).then(function (lookup) { return entryOf(lookup, code, catalog); });
  }

  function setUpSearchHit() {
    var input = document.querySelector("input.md-search__input");
    var results = document.querySelector(".md-search-result");
    if (!input || !results || input.dataset[READY]) return;
    input.dataset[READY] = "1";
    // One direct hit per catalog that has the code (a code may be in several), in the
    // order of the site's catalogs; Enter follows the first.
    var hits = catalogs.map(function () {
      var hit = document.createElement("a");
      hit.className = "errcat-search-hit";
      hit.hidden = true;
      return hit;
    });
    for (var h = hits.length - 1; h >= 0; h--) results.insertBefore(hits[h], results.firstChild);

    var asked = null;  // the query last looked up
    function update() {
      var query = input.value.trim();
      if (query === asked) return;
      asked = query;
      catalogs.forEach(function (catalog, index) {
        var hit = hits[index];
        findCode(query, catalog).then(function (found) {
          if (input.value.trim() !== query) return;  // typed on meanwhile
          hit.hidden = !found;
          if (!found) return;
          var entry = found.entry;
          hit.href = siteRoot + entry.url;
          hit.innerHTML = '<span class="errcat-search-hit-label"></span> <code dir="ltr"></code>' +
            ' <span dir="ltr"></span><span class="errcat-search-hit-category"></span>';
          var parts = hit.children;
          parts[0].textContent = catalog.words.text("search.hit");
          parts[1].textContent = found.code;
          parts[2].textContent = entry.message;
          parts[3].textContent = entry.category;
        }, function () { hit.hidden = true; });
      });
    }

    // Typing changes the value with an input event; Material changes it itself (a suggestion
    // taken with the right arrow) without one, which keyup sees. Either way, one lookup a change.
    input.addEventListener("input", update);
    input.addEventListener("keyup", update);
    input.addEventListener("keydown", function (event) {
      var first = hits.filter(function (hit) { return !hit.hidden; })[0];
      if (event.key === "Enter" && first) {
        event.preventDefault();
        event.stopPropagation();
        first.click();
      }
    }, true);
  }

  /* ---- The 404 page: was a code meant? ------------------------------------------- */

  // `box` is errcat's 404 page's, or one added to the site's own (`added`): that one says,
  // at an address that names no code, where the reference's codes are.
  function explainMissingPage(box, added) {
    var slot = box.querySelector(".errcat-404-code");
    if (!slot || box.dataset[READY]) return;
    box.dataset[READY] = "1";
    var path = pathInSite();
    // /40001, /codes/40001/, /billing/40001: a code as the last part of the path; asked
    // of the catalog whose folder the address is in, or, out of every folder, of each
    // catalog in turn.
    var last = /(?:^|\/)([^\/]+)\/?$/.exec(path);
    var at = catalogAt(path);
    var asked = at ? [at] : catalogs;
    var named = last && asked.filter(function (catalog) { return codeOf(last[1], catalog) !== null; });
    if (!named || !named.length) {
      if (added && at) {
        slot.append("Every code of this reference is in the ", indexLink(at), ".");
        slot.hidden = false;
      }
      return;
    }
    var text = last[1];

    function ask(index) {
      if (index === named.length) return Promise.resolve(null);
      return findCode(text, named[index]).then(function (found) {
        return found ? { found: found, catalog: named[index] } : ask(index + 1);
      });
    }
    ask(0).then(function (answer) {
      var link = document.createElement("a");
      slot.textContent = "";
      if (answer) {
        var code = answer.found.code, entry = answer.found.entry;
        link.href = siteRoot + entry.url;
        link.dir = "ltr";
        link.textContent = code + " " + entry.message;
        slot.append.apply(slot, answer.catalog.words.parts("missing.exists", {
          code: isolated(code), link: link, category: entry.category
        }));
      } else {
        slot.append.apply(slot, named[0].words.parts("missing.none", {
          code: isolated(codeOf(text, named[0])), link: indexLink(named[0])
        }));
      }
      slot.hidden = false;
    });
  }

  function indexLink(catalog) {
    var link = document.createElement("a");
    link.href = siteRoot + catalog.folder;
    link.textContent = catalog.words.text("missing.table");
    return link;
  }

  // The site's own 404 page (its theme's or its own: errcat's is a site's whose reference is
  // at its root), marked by the plugin: one page answers every missing address of the site,
  // so errcat adds to it only at an address in a reference's folder, after its text; anywhere
  // else the page stays as the site has it.
  function boxOnSitesOwn404() {
    if (!document.querySelector('meta[name="errcat-not-found"]')) return null;
    var at = catalogAt(pathInSite());
    if (!at || !at.folder) return null;
    var box = document.createElement("div");
    box.id = "errcat-404";
    box.innerHTML = '<p class="errcat-404-code" hidden></p>';
    var heading = document.querySelector("h1");
    var container = heading ? heading.parentNode : document.querySelector("main, [role=main]") || document.body;
    container.appendChild(box);
    return box;
  }

  // A code as text that runs left to right on any page.
  function isolated(text) {
    var element = document.createElement("bdi");
    element.dir = "ltr";
    element.textContent = text;
    return element;
  }

  // The words of the catalog whose folder holds this page (the site's first elsewhere).
  function pageWords() {
    return (catalogAt(pathInSite()) || catalogs[0] || { words: wordsOf("") }).words;
  }

  function safeDecode(text) {
    try { return decodeURIComponent(text); } catch (error) { return text; }
  }

  /* ---- Wiring ------------------------------------------------------------------- */

  function onPage() {
    var table = document.querySelector("table.errcat-index");
    if (table) setUpIndexTable(table);
    addCopyButtons(document);
    highlightTarget();
    setUpSearchHit();
    var missing = document.getElementById("errcat-404");
    if (missing) explainMissingPage(missing, false);
    else if ((missing = boxOnSitesOwn404())) explainMissingPage(missing, true);
  }

  window.addEventListener("hashchange", highlightTarget);
  if (window.document$) {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
