/* ICS Akademi: the site's small enhancements, loaded on every page from templates/base.html.
 * Every page works without this file: the menu is then always shown, and tables scroll inside
 * themselves on narrow screens instead of becoming cards. */
(function () {
    "use strict";

    /* The menu button on narrow screens: a disclosure button (aria-expanded) for the menu. */
    function initMenu() {
        var header = document.querySelector(".site-header");
        var button = header && header.querySelector("[data-menu-toggle]");
        var menu = button && document.getElementById(button.getAttribute("aria-controls"));
        if (!menu) { return; }
        button.hidden = false;
        header.classList.add("has-menu-toggle");
        function set(open) {
            button.setAttribute("aria-expanded", String(open));
            header.classList.toggle("is-open", open);
        }
        set(false);
        button.addEventListener("click", function () {
            set(button.getAttribute("aria-expanded") !== "true");
        });
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
                set(false);
                button.focus();
            }
        });
    }

    /* Data tables as cards on narrow screens: each cell gets its column header as data-label, which
     * the stylesheet shows above the value. Tables without a header row, or with class "no-stack",
     * are left alone. */
    function headerTexts(table) {
        var head = table.tHead;
        if (!head || !head.rows.length) { return null; }
        var row = head.rows[head.rows.length - 1];
        var texts = [];
        Array.prototype.forEach.call(row.cells, function (cell) {
            var text = (cell.textContent || "").replace(/\s+/g, " ").trim();
            for (var i = 0; i < (cell.colSpan || 1); i++) { texts.push(text); }
        });
        return texts;
    }

    function stackTable(table) {
        if (table.classList.contains("no-stack") || table.classList.contains("is-stacked")) { return; }
        var texts = headerTexts(table);
        if (!texts || !texts.some(Boolean)) { return; }
        // display: block drops a table's semantics in some browsers: keep them with ARIA roles.
        table.setAttribute("role", "table");
        Array.prototype.forEach.call(table.querySelectorAll(":scope > thead, :scope > tbody, :scope > tfoot"), function (group) {
            group.setAttribute("role", "rowgroup");
        });
        Array.prototype.forEach.call(table.rows, function (row) {
            row.setAttribute("role", "row");
            var column = 0;
            Array.prototype.forEach.call(row.cells, function (cell) {
                var inHead = cell.parentNode.parentNode.tagName === "THEAD";
                if (cell.tagName === "TH") {
                    cell.setAttribute("role", inHead || cell.getAttribute("scope") === "col" ? "columnheader" : "rowheader");
                } else {
                    cell.setAttribute("role", "cell");
                    if (!cell.hasAttribute("data-label")) { cell.setAttribute("data-label", texts[column] || ""); }
                    if (column === 0) { cell.classList.add("is-first"); }
                }
                column += cell.colSpan || 1;
            });
        });
        table.classList.add("is-stacked");
    }

    function initTables(root) {
        Array.prototype.forEach.call((root || document).querySelectorAll("table"), stackTable);
    }

    function ready(fn) {
        if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fn); } else { fn(); }
    }
    ready(function () {
        initMenu();
        initTables();
    });
    window.icsSite = {stackTables: initTables};
}());
