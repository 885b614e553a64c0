/* Small-screen layout. Loaded in <head> without defer: the "js" class is set before the page is
   drawn, so the folded menu never flashes open. Without JavaScript the menu stays unfolded and
   the disclosures (facets) stay folded, both still usable.
   - The main menu folds behind the "Menu" button; Escape folds it back.
   - A <details data-open-wide> (search and catalogue facets) starts open on a wide screen.
   - Logged in, the offline worker is registered (mairie_site/offline.py); logged out, what it kept is
     deleted (the server also sends Clear-Site-Data, which some browsers ignore). */
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => {
    const worker = document.body.dataset.serviceWorker;
    if (worker && "serviceWorker" in navigator) {
        navigator.serviceWorker.register(worker, { scope: "/" }).catch(() => {});
    } else if (document.body.hasAttribute("data-clear-offline")) {
        if (window.caches) {
            caches.keys().then((names) => names.forEach((name) => caches.delete(name)));
        }
        if ("serviceWorker" in navigator) {
            navigator.serviceWorker.getRegistrations().then((all) => all.forEach((registration) => registration.unregister()));
        }
    }
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
