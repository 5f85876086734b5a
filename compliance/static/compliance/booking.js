/* Booking staff on a cohort: "choose everyone" and a running "3 valgt" count.
   Progressive enhancement: without this script the checkboxes and the submit button work as they are. */
(function () {
    "use strict";
    var form = document.querySelector("form[data-booking]");
    if (!form) { return; }
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="person"]'));
    var counter = form.querySelector("[data-selected-count]");
    var slot = form.querySelector(".select-all-slot");
    var all = null;

    function update() {
        var n = boxes.filter(function (b) { return b.checked; }).length;
        if (counter) {
            counter.textContent = n === 1 ? counter.dataset.one : counter.dataset.many.replace("__N__", String(n));
            counter.hidden = false;
        }
        if (all) {
            all.checked = n > 0 && n === boxes.length;
            all.indeterminate = n > 0 && n < boxes.length;
        }
    }

    if (slot && boxes.length) {
        var wrap = document.createElement("div");
        wrap.className = "field-checkbox select-all";
        all = document.createElement("input");
        all.type = "checkbox";
        all.id = "choose-all";
        var label = document.createElement("label");
        label.htmlFor = "choose-all";
        label.textContent = slot.dataset.selectAllLabel + " (" + boxes.length + ")";
        wrap.appendChild(all);
        wrap.appendChild(label);
        slot.appendChild(wrap);
        all.addEventListener("change", function () {
            boxes.forEach(function (b) { b.checked = all.checked; });
            update();
        });
    }
    boxes.forEach(function (b) { b.addEventListener("change", update); });
    update();
})();
