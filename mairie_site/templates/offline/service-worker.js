/* The intranet's service worker (mairie_site/offline.py): keeps the last home page the agent
   loaded, and its stylesheets and scripts, to show it when the network is gone. It stores a page
   only when the server marked it ({{ header }}), so no other page is ever kept. */
const CACHE = "{{ cache_name }}";
const HOME = "/";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
    event.waitUntil(
        caches.keys()
            .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
            .then(() => self.clients.claim())
    );
});

const isHome = (url) => url.origin === self.location.origin && url.pathname === HOME && !url.search;
const isAsset = (url, request) => url.origin === self.location.origin && url.pathname.startsWith("/static/")
    && (request.destination === "style" || request.destination === "script");

async function networkFirst(request, key, keep) {
    try {
        const response = await fetch(request);
        if (keep(response)) {
            const cache = await caches.open(CACHE);
            await cache.put(key, response.clone());
        }
        return response;
    } catch (error) {
        const cached = await caches.match(key);
        if (cached) {
            return cached;
        }
        throw error;
    }
}

self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") {
        return;
    }
    const url = new URL(request.url);
    if (request.mode === "navigate" && isHome(url)) {
        event.respondWith(networkFirst(request, HOME, (response) =>
            response.ok && !response.redirected && response.type === "basic" && response.headers.get("{{ header }}") === "1"));
    } else if (isAsset(url, request)) {
        event.respondWith(networkFirst(request, request, (response) => response.ok && response.type === "basic"));
    }
});
