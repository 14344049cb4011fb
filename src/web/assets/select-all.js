// The board's "select every letter shown" box: added only with JavaScript
// (without it, each letter's own box still works), above the table, ticking
// or clearing every letter's box at once.

export function addSelectAll(form) {
  const boxes = [...form.querySelectorAll('input[type="checkbox"][name="letters"]')];
  if (boxes.length < 2) return;
  const wrapper = document.createElement("div");
  wrapper.className = "govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-2";
  const item = document.createElement("div");
  item.className = "govuk-checkboxes__item";
  const all = document.createElement("input");
  all.className = "govuk-checkboxes__input";
  all.type = "checkbox";
  all.id = "select-all";
  const label = document.createElement("label");
  label.className = "govuk-label govuk-checkboxes__label";
  label.htmlFor = "select-all";
  label.textContent = `Select all ${boxes.length} letters shown`;
  item.append(all, label);
  wrapper.append(item);
  form.prepend(wrapper);
  all.addEventListener("change", () => {
    for (const box of boxes) box.checked = all.checked;
  });
}
