// The pages' small behaviours, kept out of the HTML so that the Content-Security-Policy allows no inline
// script (jixiao.web.csp). Each listens on the document, so parts swapped in by htmx behave the same.

// A merge conflict's choice (.merge-pick) writes the chosen value into the form field it names; the form is
// what is saved.
document.addEventListener("change", function (event) {
  var radio = event.target.closest && event.target.closest(".merge-pick");
  if (!radio) return;
  var fields = document.querySelectorAll('[name="' + radio.dataset.target + '"]');
  if (fields.length > 1) {  // a set of checkboxes (偏差原因): the value lists the checked ones, joined by 、
    var chosen = radio.dataset.value.split("、");
    fields.forEach(function (box) { box.checked = chosen.indexOf(box.value) >= 0; });
    return;
  }
  var field = fields[0];
  if (!field) return;
  if (field.type === "checkbox") { field.checked = radio.dataset.value !== ""; }
  else { field.value = radio.dataset.value; field.dispatchEvent(new Event("input", {bubbles: true})); }
});

// A department's 全选 box (.select-all) ticks or clears the projects of its group.
document.addEventListener("change", function (event) {
  var box = event.target.closest && event.target.closest(".select-all");
  if (!box) return;
  box.closest("tbody").querySelectorAll("input[name=project]").forEach(function (c) { c.checked = box.checked; });
});

// Merging two departments (.merge-two): the one not kept is the duplicate.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".merge-two");
  if (!button) return;
  var form = button.form;
  form.duplicate.value = Array.prototype.find.call(form.keep, function (r) { return !r.checked; }).value;
});

// A library suggestion once added (.add-suggestion) cannot be added twice.
document.addEventListener("htmx:afterRequest", function (event) {
  var button = event.target.closest && event.target.closest(".add-suggestion");
  if (!button) return;
  button.disabled = true;
  button.textContent = "已添加";
});
