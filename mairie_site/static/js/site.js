/* Small-screen layout. Loaded in <head> without defer: the "js" class is set before the page is
   drawn, so the folded menu never flashes open. Without JavaScript the menu stays unfolded and
   the disclosures (facets) stay folded, both still usable.
   - The main menu folds behind the "Menu" button; Escape folds it back.
   - A <details data-open-wide> (search and catalogue facets) starts open on a wide screen. */
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => {
    if (window.matchMedia("(min-width: 60rem)").matches) {
        document.querySelectorAll("details[data-open-wide]").forEach((details) => { details.open = true; });
    }
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
