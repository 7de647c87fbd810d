// A filter box above each long <select data-searchable>: typing narrows its options (by name
// or by group, e.g. 派出所), so a unit is found among many without scrolling. Without script
// the select still works as it is.
document.querySelectorAll("select[data-searchable]").forEach(function (select) {
  var box = document.createElement("input");
  box.type = "search";
  box.className = "picker-filter";
  box.placeholder = select.closest("form").dataset.filterLabel || "…";
  box.setAttribute("aria-label", box.placeholder);
  select.parentNode.insertBefore(box, select);
  box.addEventListener("input", function () {
    var term = box.value.trim().toLowerCase();
    select.querySelectorAll("optgroup").forEach(function (group) {
      var groupHit = group.label.toLowerCase().indexOf(term) >= 0;
      var any = false;
      group.querySelectorAll("option").forEach(function (option) {
        var hit = !term || groupHit || option.text.toLowerCase().indexOf(term) >= 0;
        option.hidden = !hit;
        any = any || hit;
      });
      group.hidden = !any;
    });
  });
});
