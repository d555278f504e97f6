// A group of the console menu ("Data": exports and imports) is a <details>: it opens and
// closes without JavaScript. With it, an open group also closes as menus do: on a click
// elsewhere, and on Escape (the focus back on the group's name). Its links drop down to the
// left of the group's right edge (console.css); where the menu wrapped and put the group at
// the start of a line, that would reach past the screen's left edge: then to the right.
const navGroups = document.querySelectorAll("nav.consolenav details.navgroup");
navGroups.forEach((group) => {
  group.addEventListener("toggle", () => {
    const menu = group.querySelector(".navmenu");
    menu.classList.remove("from-left");
    if (group.open && menu.getBoundingClientRect().left < 0) menu.classList.add("from-left");
  });
});
document.addEventListener("click", (event) => {
  navGroups.forEach((group) => {
    if (group.open && !group.contains(event.target)) group.open = false;
  });
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  navGroups.forEach((group) => {
    if (!group.open) return;
    group.open = false;
    group.querySelector("summary").focus();
  });
});
