/* The facilities' map (Leaflet + markercluster) and the facility page's mini-map.
 *
 * Data comes from json_script elements (no inline script, so a strict CSP can apply). The list
 * below the map is the reference: the map only mirrors it, so when tiles or this script fail
 * the page still gives everything. Theme filters change both and are kept in the URL. */
(function () {
    "use strict";

    function readJSON(id) {
        var element = document.getElementById(id);
        return element ? JSON.parse(element.textContent) : null;
    }

    function escapeHtml(text) {
        return String(text).replace(/[&<>"']/g, function (c) {
            return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
        });
    }

    function themeClass(theme) {
        return "theme-" + theme.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }

    function addTiles(map, options) {
        var message = document.getElementById("carte-message");
        var attribution = escapeHtml(options.attribution || "");
        if (options.attributionUrl && /^https?:\/\//.test(options.attributionUrl)) {
            attribution = '<a href="' + escapeHtml(options.attributionUrl) + '">' + attribution + "</a>";
        }
        var loaded = false;
        var layer = L.tileLayer(options.tileUrl, { maxZoom: options.maxZoom, attribution: attribution });
        layer.on("tileload", function () {
            loaded = true;
            if (message) { message.hidden = true; }
        });
        layer.on("tileerror", function () {
            if (!loaded && message) { message.hidden = false; }
        });
        layer.addTo(map);
    }

    function icon(theme) {
        return L.divIcon({
            className: "facility-marker marker-" + themeClass(theme).slice(6),
            html: '<span class="' + themeClass(theme) + '"></span>',
            iconSize: [22, 22],
            iconAnchor: [11, 11],
            popupAnchor: [0, -10]
        });
    }

    function popup(facility) {
        var box = document.createElement("div");
        box.className = "facility-popup";
        var title = document.createElement("a");
        title.href = facility.url;
        title.textContent = facility.title;
        var heading = document.createElement("strong");
        heading.appendChild(title);
        box.appendChild(heading);
        [facility.themeLabel + " · " + facility.type, facility.address, facility.hours ? "Horaires : " + facility.hours : "",
            facility.phone ? "Téléphone : " + facility.phone : ""].forEach(function (text) {
            if (!text) { return; }
            var line = document.createElement("p");
            line.textContent = text;
            box.appendChild(line);
        });
        return box;
    }

    function marker(facility) {
        var m = L.marker([facility.lat, facility.lon], {
            icon: icon(facility.theme),
            title: facility.title,
            alt: facility.title,
            keyboard: true,
            facility: facility
        });
        m.bindPopup(function () { return popup(facility); });
        return m;
    }

    function facilitiesMap(element, options) {
        var facilities = readJSON("places-facilities") || [];
        var form = document.getElementById("filtres");
        var items = Array.prototype.slice.call(document.querySelectorAll(".facility-item"));
        var count = document.getElementById("places-count");
        var map = L.map(element, { maxZoom: options.maxZoom });
        map.fitBounds(options.bounds);
        addTiles(map, options);
        var cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50 });
        var markers = facilities.map(marker);
        map.addLayer(cluster);
        if (markers.length) {
            map.fitBounds(L.latLngBounds(markers.map(function (m) { return m.getLatLng(); })), { padding: [20, 20] });
        }

        function checkedThemes() {
            return Array.prototype.map.call(form.querySelectorAll("input[name=theme]:checked"), function (input) {
                return input.value;
            });
        }

        function apply(updateUrl) {
            var themes = checkedThemes();
            var shown = function (theme) { return themes.length === 0 || themes.indexOf(theme) !== -1; };
            var visible = markers.filter(function (m) { return shown(m.options.facility.theme); });
            cluster.clearLayers();
            cluster.addLayers(visible);
            var listed = 0;
            items.forEach(function (item) {
                item.hidden = !shown(item.dataset.theme);
                if (!item.hidden) { listed += 1; }
            });
            var plural = listed > 1 ? "s" : "";
            count.textContent = listed + " équipement" + plural + " affiché" + plural + " sur " + items.length;
            element.dataset.markerCount = String(visible.length);
            if (updateUrl) {
                var params = new URLSearchParams();
                themes.forEach(function (theme) { params.append("theme", theme); });
                var query = params.toString();
                window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
            }
        }

        if (form) {
            form.addEventListener("change", function () { apply(true); });
            form.addEventListener("submit", function (event) {
                event.preventDefault();
                apply(true);
            });
        }
        apply(false);
        // Hooks for the browser tests and for anyone scripting the page.
        element.placesMap = map;
        element.placesCluster = cluster;
        element.dataset.ready = "true";
    }

    function facilityMap(element, options) {
        var facility = readJSON("places-facility");
        var map = L.map(element, { maxZoom: options.maxZoom }).setView([facility.lat, facility.lon], Math.min(17, options.maxZoom));
        addTiles(map, options);
        L.marker([facility.lat, facility.lon], {
            icon: icon(facility.theme), title: facility.title, alt: facility.title, keyboard: false
        }).addTo(map);
        element.placesMap = map;
        element.dataset.ready = "true";
    }

    function start() {
        var element = document.getElementById("carte");
        var options = readJSON("places-map-options");
        if (!element || !options || typeof L === "undefined") { return; }
        if (element.dataset.mode === "facility") {
            facilityMap(element, options);
        } else {
            facilitiesMap(element, options);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}());
