/* ICS Akademi, Wagtail's admin: give every rich-text editor an accessible name.
 * Draftail's editable area (role="textbox") has none inside StreamField blocks, so a screen reader
 * announces an unnamed text field. Its name is taken from the field's label or, in a StreamField
 * block, from the block's heading; and a visible label is kept in the accessible name.
 * Loaded by content/wagtail_hooks.py (insert_global_admin_js). */
(function () {
    "use strict";

    function nameSource(box) {
        var field = box.closest(".w-field");
        var input = field && field.querySelector("input[type=hidden][id]");
        var label = input && document.querySelector('label[for="' + input.id + '"]');
        if (label && label.textContent.trim()) { return label; }
        var panel = box.closest(".w-panel");
        var heading = panel && panel.querySelector(".w-panel__heading, [data-panel-heading]");
        if (heading && heading.textContent.trim()) { return heading; }
        return null;
    }

    var counter = 0;
    function label(root) {
        Array.prototype.forEach.call(root.querySelectorAll('[role="textbox"][contenteditable="true"]'), function (box) {
            if (box.hasAttribute("aria-label") || box.hasAttribute("aria-labelledby")) { return; }
            var source = nameSource(box);
            if (source) {
                if (!source.id) { source.id = "ics-editor-label-" + (++counter); }
                box.setAttribute("aria-labelledby", source.id);
            } else {
                box.setAttribute("aria-label", document.documentElement.lang === "en" ? "Rich text" : "Formateret tekst");
            }
        });
    }

    /* WCAG 2.5.3 (label in name): a link or button whose aria-label does not contain its visible
     * text (Wagtail's page status tag: visible "Udgivet", named "Synlig for alle. Se den udgivne
     * side") gets the visible text in front of its name, so speech users can say what they see. */
    function labelInName(root) {
        Array.prototype.forEach.call(root.querySelectorAll("a[aria-label], button[aria-label]"), function (el) {
            var visible = (el.textContent || "").replace(/\s+/g, " ").trim();
            var name = el.getAttribute("aria-label");
            if (!visible || visible.length > 60 || name.toLowerCase().indexOf(visible.toLowerCase()) !== -1) { return; }
            el.setAttribute("aria-label", visible + ". " + name);
        });
    }

    var pending = false;
    function schedule() {
        if (pending) { return; }
        pending = true;
        window.requestAnimationFrame(function () { pending = false; label(document); labelInName(document); });
    }
    function start() {
        label(document);
        labelInName(document);
        new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true});
    }
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
