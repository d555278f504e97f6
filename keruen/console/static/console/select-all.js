// A "select all" box in a table head ticks or clears every box of its form with the name it
// names. Without JavaScript the box stays hidden and each row is ticked by hand.
document.querySelectorAll("input[data-select-all]").forEach((master) => {
  const boxes = () => master.form.querySelectorAll(`input[name="${master.dataset.selectAll}"]`);
  const sync = () => {
    const ticked = [...boxes()].filter((box) => box.checked).length;
    master.checked = ticked > 0 && ticked === boxes().length;
    master.indeterminate = ticked > 0 && ticked < boxes().length;
  };
  master.hidden = false;
  master.addEventListener("change", () => {
    boxes().forEach((box) => { box.checked = master.checked; });
  });
  boxes().forEach((box) => box.addEventListener("change", sync));
});
