/* The main menu folds behind a "Menu" button on small screens. Loaded in <head> without defer:
   the "js" class is set before the page is drawn, so the folded menu never flashes open.
   Without JavaScript the menu simply stays unfolded. */
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => {
    const toggle = document.querySelector(".menu-toggle");
    const header = document.querySelector(".site-header");
    if (!toggle || !header) {
        return;
    }
    const setOpen = (open) => {
        toggle.setAttribute("aria-expanded", String(open));
        header.classList.toggle("menu-open", open);
    };
    toggle.hidden = false;
    toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
    header.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
            setOpen(false);
            toggle.focus();
        }
    });
});
