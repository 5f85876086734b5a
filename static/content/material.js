/* ICS Akademi – interactive teaching-material blocks (progressive enhancement).
 *
 * Without this script every block still works: the triangle is a structured list, the funnel shows
 * all phases, the magnet board is a list of select boxes and every exercise posts a normal form.
 * With it: the triangle figure opens each dimension's text, the funnel steps one phase at a time,
 * magnet cards are placed by drag and drop or by keyboard (Enter on a card, then Enter on a
 * dimension), case answers are saved while writing, and exercises are checked without a reload.
 * Scoring always happens on the server.
 */
(function () {
    "use strict";

    var LANG = document.documentElement.lang || "da";
    var T = {
        da: {
            phase: "Fase %s af %s", previous: "Forrige fase", next: "Næste fase",
            picked: "Kortet »%s« er valgt. Vælg nu den dimension, det hører til.",
            placed: "»%s« er placeret på %s.", unplaced: "Kort, der endnu ikke er placeret",
            placeHere: "Placér valgt kort på %s", allPlaced: "Alle kort er placeret. Tjek dine placeringer.",
            empty: "Ingen kort endnu", saving: "Gemmer …", saved: "Gemt kl. %s.", saveFailed:
                "Dit svar kunne ikke gemmes lige nu. Prøv igen, eller brug knappen Gem kladde.",
            failed: "Der skete en fejl. Prøv igen.", showList: "Vis som liste", hideList: "Skjul listen",
            confirmSubmit: "Når du afleverer, kan du ikke længere ændre dine svar. Vil du aflevere nu?",
            cardCount: "%s af %s kort placeret", moveHint: "Tryk Enter for at vælge kortet og flytte det."
        },
        en: {
            phase: "Phase %s of %s", previous: "Previous phase", next: "Next phase",
            picked: "The card “%s” is picked up. Now choose the dimension it belongs to.",
            placed: "“%s” is placed on %s.", unplaced: "Cards not yet placed",
            placeHere: "Place the chosen card on %s", allPlaced: "Every card is placed. Check your placements.",
            empty: "No cards yet", saving: "Saving …", saved: "Saved at %s.", saveFailed:
                "Your answer could not be saved just now. Try again, or use the Save draft button.",
            failed: "Something went wrong. Please try again.", showList: "Show as a list", hideList: "Hide the list",
            confirmSubmit: "Once you submit, you can no longer change your answers. Submit now?",
            cardCount: "%s of %s cards placed", moveHint: "Press Enter to pick the card up and move it."
        }
    };
    var strings = T[LANG.slice(0, 2)] || T.da;

    function t(key) {
        var args = Array.prototype.slice.call(arguments, 1);
        var i = 0;
        return strings[key].replace(/%s/g, function () { return args[i++]; });
    }

    function el(tag, attrs, text) {
        var node = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
        if (text !== undefined) { node.textContent = text; }
        return node;
    }

    function onActivate(node, handler) {
        node.addEventListener("click", handler);
        node.addEventListener("keydown", function (event) {
            if (node.tagName === "BUTTON") { return; }
            if (event.key === "Enter" || event.key === " ") { event.preventDefault(); handler(event); }
        });
    }

    /* --- ICS triangle ------------------------------------------------------------------------ */
    function initTriangle(root) {
        var figure = root.querySelector("[data-triangle-figure]");
        var list = root.querySelector("[data-triangle-list]");
        var panel = figure.querySelector(".triangle-panel");
        figure.hidden = false;
        list.hidden = true;
        var toggle = el("button", {type: "button", "class": "button-quiet triangle-toggle", "aria-expanded": "false"},
            t("showList"));
        toggle.addEventListener("click", function () {
            list.hidden = !list.hidden;
            toggle.setAttribute("aria-expanded", String(!list.hidden));
            toggle.textContent = list.hidden ? t("showList") : t("hideList");
        });
        list.parentNode.insertBefore(toggle, list);

        var dims = Array.prototype.slice.call(figure.querySelectorAll("[data-dim]"));
        figure.addEventListener("keydown", function (event) {
            var index = dims.indexOf(document.activeElement);
            if (index < 0) { return; }
            var step = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[event.key];
            if (event.key === "Home") { step = -index; }
            if (event.key === "End") { step = dims.length - 1 - index; }
            if (step === undefined) { return; }
            event.preventDefault();
            dims[(index + step + dims.length) % dims.length].focus();
        });
        dims.forEach(function (dim) {
            onActivate(dim, function () {
                var key = dim.getAttribute("data-dim");
                var source = list.querySelector('[data-dim-text="' + key + '"]');
                dims.forEach(function (other) {
                    other.setAttribute("aria-expanded", String(other === dim));
                    other.classList.toggle("is-open", other === dim);
                });
                panel.innerHTML = "";
                var side = el("p", {"class": "block-kicker"}, source.getAttribute("data-side"));
                var heading = el("h3", {});
                heading.innerHTML = source.querySelector("dt").innerHTML;
                panel.appendChild(side);
                panel.appendChild(heading);
                var body = source.querySelector("dd").cloneNode(true);
                var wrapper = el("div", {"class": "triangle-panel-text"});
                wrapper.innerHTML = body.innerHTML;
                panel.appendChild(wrapper);
                panel.classList.add("is-filled");
            });
        });
    }

    /* --- Funnel model stepper ---------------------------------------------------------------- */
    function initFunnel(root) {
        var phases = Array.prototype.slice.call(root.querySelectorAll("[data-phase]"));
        if (phases.length < 2) { return; }
        var list = root.querySelector("[data-funnel-phases]");
        var current = 0;
        var steps = el("ol", {"class": "funnel-stepper"});
        var buttons = phases.map(function (phase, index) {
            var item = el("li", {"class": "funnel-step funnel-step-" + (index + 1)});
            var button = el("button", {type: "button", "class": "funnel-step-button", "aria-controls": phase.id});
            button.appendChild(el("span", {"class": "funnel-step-number"}, String(index + 1)));
            button.appendChild(el("span", {"class": "funnel-step-label"}, phase.getAttribute("data-label")));
            button.addEventListener("click", function () { show(index, true); });
            item.appendChild(button);
            steps.appendChild(item);
            return button;
        });
        var status = el("p", {"class": "funnel-status", "aria-live": "polite"});
        var nav = el("div", {"class": "funnel-nav"});
        var prev = el("button", {type: "button", "class": "button-secondary"}, "← " + t("previous"));
        var next = el("button", {type: "button"}, t("next") + " →");
        prev.addEventListener("click", function () { show(current - 1, true); });
        next.addEventListener("click", function () { show(current + 1, true); });
        nav.appendChild(prev);
        nav.appendChild(next);
        list.parentNode.insertBefore(steps, list);
        list.parentNode.insertBefore(status, list);
        list.parentNode.insertBefore(nav, list.nextSibling);
        root.classList.add("is-stepper");

        function show(index, moveFocus) {
            current = Math.max(0, Math.min(phases.length - 1, index));
            phases.forEach(function (phase, i) { phase.hidden = i !== current; });
            buttons.forEach(function (button, i) {
                if (i === current) { button.setAttribute("aria-current", "step"); } else { button.removeAttribute("aria-current"); }
                button.parentNode.classList.toggle("is-done", i < current);
            });
            prev.disabled = current === 0;
            next.disabled = current === phases.length - 1;
            status.textContent = t("phase", current + 1, phases.length) + ": " + phases[current].getAttribute("data-label");
            if (moveFocus) {
                var heading = phases[current].querySelector("h3");
                heading.setAttribute("tabindex", "-1");
                heading.focus();
            }
        }
        show(0, false);
    }

    /* --- Magnet board ------------------------------------------------------------------------ */
    function initMagnetBoard(root) {
        var form = root.querySelector("[data-magnet-form]");
        if (!form) { return; }
        var fallback = form.querySelector("[data-magnet-fallback]");
        var selects = Array.prototype.slice.call(form.querySelectorAll("[data-card-select]"));
        if (!selects.length) { return; }
        var live = el("p", {"class": "visually-hidden", "aria-live": "assertive"});
        var board = el("div", {"class": "magnet-enhanced"});
        var trayWrap = el("div", {"class": "magnet-tray-wrap"});
        var trayTitle = el("h3", {"class": "magnet-tray-title"}, t("unplaced"));
        var counter = el("p", {"class": "magnet-counter", "aria-live": "polite"});
        var tray = el("ul", {"class": "magnet-tray", "aria-label": t("unplaced")});
        trayWrap.appendChild(trayTitle);
        trayWrap.appendChild(counter);
        trayWrap.appendChild(tray);
        var zonesWrap = el("div", {"class": "magnet-zones"});
        var picked = null;
        var cards = {};
        var hintId = "magnet-hint-" + Math.random().toString(36).slice(2, 10);
        var hint = el("p", {"class": "visually-hidden", id: hintId}, t("moveHint"));
        var zones = {};

        // One column per side of the triangle, one drop zone per dimension (from the select's optgroups).
        Array.prototype.slice.call(selects[0].querySelectorAll("optgroup")).forEach(function (group, sideIndex) {
            var column = el("section", {"class": "magnet-side magnet-side-" + (sideIndex + 1)});
            column.appendChild(el("h3", {"class": "magnet-side-title"}, group.label));
            Array.prototype.slice.call(group.querySelectorAll("option")).forEach(function (option) {
                var zone = el("div", {"class": "magnet-zone", "data-zone": option.value});
                var button = el("button", {type: "button", "class": "magnet-zone-button",
                    "aria-label": t("placeHere", option.textContent)}, option.textContent);
                button.disabled = true;
                var placedList = el("ul", {"class": "magnet-placed", "aria-label": option.textContent});
                zone.appendChild(button);
                zone.appendChild(placedList);
                button.addEventListener("click", function () { if (picked) { place(picked, option.value); } });
                zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("is-over"); });
                zone.addEventListener("dragleave", function () { zone.classList.remove("is-over"); });
                zone.addEventListener("drop", function (event) {
                    event.preventDefault();
                    zone.classList.remove("is-over");
                    var id = event.dataTransfer.getData("text/plain");
                    if (cards[id]) { place(cards[id], option.value); }
                });
                zones[option.value] = {zone: zone, list: placedList, button: button, label: option.textContent};
                column.appendChild(zone);
            });
            zonesWrap.appendChild(column);
        });

        selects.forEach(function (select, index) {
            var id = select.getAttribute("data-card-select");
            var item = el("li", {"class": "magnet-card-item"});
            var card = el("button", {type: "button", "class": "magnet-card", draggable: "true", "aria-pressed": "false",
                "data-card": id, "aria-describedby": hintId});
            card.appendChild(el("span", {"class": "magnet-card-number", "aria-hidden": "true"}, String(index + 1)));
            card.appendChild(el("span", {"class": "magnet-card-text"}, select.getAttribute("data-card-text")));
            item.appendChild(card);
            card.addEventListener("click", function () { pick(card); });
            card.addEventListener("dragstart", function (event) {
                event.dataTransfer.setData("text/plain", id);
                card.classList.add("is-dragging");
            });
            card.addEventListener("dragend", function () { card.classList.remove("is-dragging"); });
            card._select = select;
            card._item = item;
            cards[id] = card;
            tray.appendChild(item);
            if (select.value) { place(card, select.value, true); }
        });
        board.appendChild(hint);
        board.appendChild(trayWrap);
        board.appendChild(zonesWrap);
        board.appendChild(live);
        fallback.hidden = true;
        form.insertBefore(board, fallback);
        updateCounter();

        function pick(card) {
            if (picked === card) { unpick(); return; }
            unpick();
            picked = card;
            card.setAttribute("aria-pressed", "true");
            card.classList.add("is-picked");
            Object.keys(zones).forEach(function (key) { zones[key].button.disabled = false; });
            live.textContent = t("picked", card.querySelector(".magnet-card-text").textContent);
        }

        function unpick() {
            if (picked) {
                picked.setAttribute("aria-pressed", "false");
                picked.classList.remove("is-picked");
            }
            picked = null;
            Object.keys(zones).forEach(function (key) { zones[key].button.disabled = true; });
        }

        function place(card, key, quiet) {
            var zone = zones[key];
            if (!zone) { return; }
            card._select.value = key;
            zone.list.appendChild(card._item);
            card.classList.add("is-placed");
            unpick();
            updateCounter();
            if (quiet) { return; }
            live.textContent = t("placed", card.querySelector(".magnet-card-text").textContent, zone.label);
            var nextCard = tray.querySelector(".magnet-card");
            if (nextCard) { nextCard.focus(); } else {
                live.textContent += " " + t("allPlaced");
                form.querySelector('button[type="submit"]').focus();
            }
        }

        function updateCounter() {
            var placedCount = selects.filter(function (s) { return s.value; }).length;
            counter.textContent = t("cardCount", placedCount, selects.length);
            trayWrap.classList.toggle("is-empty", placedCount === selects.length);
        }
    }

    /* --- Case exercise: autosave -------------------------------------------------------------
     * One save in flight at a time; text typed meanwhile is saved right after. Each save carries a
     * revision number one above the last the server stored, so a late or repeated save never
     * overwrites newer text (the server keeps the highest). The status line shows the server's own
     * saved time ("Gemt kl. 10.42.") or the server's error, never a guess. */
    function initCase(root) {
        var form = root.querySelector("[data-case-form]");
        if (!form || !form.getAttribute("data-save-url")) { return; }
        var status = form.querySelector("[data-case-status]");
        var answerInput = form.querySelector("[data-answer-id]");
        var revisionInput = form.querySelector("[data-revision]");
        var revision = parseInt(revisionInput.value, 10) || 0;
        var timer = null;
        var dirty = false;
        var again = false;
        var inFlight = null;
        var closed = false;

        function show(text, isError) {
            status.textContent = text;
            status.classList.toggle("is-error", Boolean(isError));
        }

        function save() {
            clearTimeout(timer);
            if (closed) { return Promise.resolve(); }
            if (inFlight) { again = again || dirty; return inFlight; }
            if (!dirty) { return Promise.resolve(); }
            dirty = false;
            var data = new FormData(form);
            data.set("action", "save");
            data.set("revision", String(revision + 1));
            show(t("saving"));
            inFlight = post(form.getAttribute("data-save-url"), data).then(function (result) {
                if (result.ok) {
                    answerInput.value = result.data.answer;
                    revision = Math.max(revision + 1, result.data.revision);
                    revisionInput.value = String(revision);
                    if (result.data.stale) { again = true; }  // newer text stored elsewhere: ours is newer still
                    show(result.data.message);
                } else {
                    show(result.data.error || t("saveFailed"), true);
                }
            }).catch(function () {
                dirty = true;
                show(t("saveFailed"), true);
            }).then(function () {
                inFlight = null;
                if (again) { again = false; dirty = true; return save(); }
            });
            return inFlight;
        }
        form.addEventListener("input", function () {
            dirty = true;
            clearTimeout(timer);
            timer = setTimeout(save, 1200);
        });
        form.addEventListener("focusout", function () { if (dirty) { save(); } });
        root._saveNow = function () { dirty = true; return save(); };
        // Before submitting: let a save under way finish, and save nothing after.
        root._settle = function () {
            clearTimeout(timer);
            var waiting = inFlight || Promise.resolve();
            return waiting.then(function () { closed = true; dirty = false; });
        };
        root._reopen = function () { closed = false; };
        root._show = show;
    }

    /* --- Quiz: the pause before a new attempt ------------------------------------------------
     * The server says how many seconds remain (data-wait); the retry link appears then. Without this
     * script the learner reloads the page after the time shown. */
    function initQuizPause(root) {
        var pause = root.querySelector("[data-quiz-pause]");
        var link = root.querySelector("[data-retry-link]");
        if (!pause || !link) { return; }
        var wait = parseInt(pause.getAttribute("data-wait"), 10) || 0;
        setTimeout(function () {
            pause.hidden = true;
            link.hidden = false;
        }, Math.max(0, wait) * 1000 + 500);
    }

    /* --- Posting exercises without a reload -------------------------------------------------- */
    function csrfToken(form) {
        var input = form.querySelector('input[name="csrfmiddlewaretoken"]');
        return input ? input.value : "";
    }

    function post(url, data) {
        return fetch(url, {
            method: "POST", body: data, credentials: "same-origin",
            headers: {"Accept": "application/json", "X-CSRFToken": data.get("csrfmiddlewaretoken") || ""}
        }).then(function (response) {
            return response.json().then(function (json) { return {ok: response.ok && json.ok, data: json}; });
        });
    }

    function initExerciseForms(root) {
        Array.prototype.slice.call(root.querySelectorAll("[data-exercise-form]")).forEach(function (form) {
            form.addEventListener("submit", function (event) {
                var submitter = event.submitter;
                var isCase = form.hasAttribute("data-case-form");
                var isCaseSubmit = submitter && submitter.hasAttribute("data-case-submit");
                if (isCaseSubmit && !window.confirm(t("confirmSubmit"))) { event.preventDefault(); return; }
                event.preventDefault();
                if (isCase && !isCaseSubmit && root._saveNow) { root._saveNow(); return; }  // "Gem kladde"
                var data = new FormData(form);
                if (submitter && submitter.name) { data.set(submitter.name, submitter.value); }
                if (!data.get("csrfmiddlewaretoken")) { data.set("csrfmiddlewaretoken", csrfToken(form)); }
                var url = form.getAttribute("action");
                if (isCaseSubmit) { url = form.getAttribute("data-submit-url"); }
                var errorBox = form.querySelector("[data-error]");
                function showError(text) {
                    if (isCase && root._show) { root._show(text, true); } else if (errorBox) { errorBox.textContent = text; }
                }
                var settle = isCase && root._settle ? root._settle() : Promise.resolve();
                if (submitter) { submitter.disabled = true; }
                settle.then(function () { return post(url, data); }).then(function (result) {
                    if (submitter) { submitter.disabled = false; }
                    if (!result.ok) {
                        if (isCase && root._reopen) { root._reopen(); }
                        showError(result.data.error || t("failed"));
                        return;
                    }
                    if (result.data.html) { replaceBlock(root, result.data.html); }
                    if (result.data.controls) { replaceControls(result.data.controls); }
                }).catch(function () {
                    if (submitter) { submitter.disabled = false; }
                    if (isCase && root._reopen) { root._reopen(); }
                    showError(t("failed"));
                });
            });
        });
    }

    function replaceControls(html) {
        var current = document.querySelector("[data-lesson-controls]");
        if (!current) { return; }
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var fresh = holder.querySelector("[data-lesson-controls]");
        if (fresh) { current.parentNode.replaceChild(fresh, current); }
    }

    function replaceBlock(root, html) {
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var fresh = holder.querySelector("[data-exercise-root]");
        if (!fresh) { return; }
        root.parentNode.replaceChild(fresh, root);
        initBlock(fresh);
        var result = fresh.querySelector("[data-result]");
        if (result) { result.focus(); }
    }

    function initBlock(root) {
        root.querySelectorAll("[data-magnet-board]").forEach(initMagnetBoard);
        if (root.hasAttribute("data-case")) { initCase(root); }
        if (root.hasAttribute("data-quiz")) { initQuizPause(root); }
        initExerciseForms(root);
    }

    function init() {
        document.querySelectorAll("[data-triangle]").forEach(initTriangle);
        document.querySelectorAll("[data-funnel]").forEach(initFunnel);
        document.querySelectorAll("[data-exercise-root]").forEach(initBlock);
    }

    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
