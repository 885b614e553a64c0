/* Admin point picker for facilities: click the map (or drag the marker) to fill the latitude and
 * longitude fields; typing in them moves the marker. The rectangle is the town's bounding box:
 * the server refuses points outside it, this only helps to see why. */
(function () {
    "use strict";

    function number(input) {
        var value = parseFloat(String(input.value).replace(",", "."));
        return isNaN(value) ? null : value;
    }

    function start() {
        var latitude = document.getElementById("id_latitude");
        var longitude = document.getElementById("id_longitude");
        var optionsElement = document.getElementById("places-admin-map-options");
        if (!latitude || !longitude || !optionsElement || typeof L === "undefined") { return; }
        if (document.getElementById("places-picker")) { return; }
        var options = JSON.parse(optionsElement.textContent);

        var help = document.createElement("p");
        help.className = "help";
        help.textContent = "Cliquez sur la carte pour placer l'équipement (ou déplacez le repère) ; " +
            "vous pouvez aussi saisir la latitude et la longitude. Le rectangle montre le territoire de la commune.";
        var container = document.createElement("div");
        container.id = "places-picker";
        container.style.height = "22rem";
        container.style.margin = "1rem 0";
        var anchor = longitude.closest(".w-field-row") || longitude.closest(".w-field__wrapper") || longitude.parentNode;
        anchor.parentNode.insertBefore(container, anchor.nextSibling);
        anchor.parentNode.insertBefore(help, container);

        var map = L.map(container).fitBounds(options.bounds);
        var attribution = document.createElement("span");
        attribution.textContent = options.attribution || "";
        L.tileLayer(options.tileUrl, { maxZoom: options.maxZoom, attribution: attribution.innerHTML }).addTo(map);
        L.rectangle(options.bounds, { fill: false, weight: 2, dashArray: "6 4" }).addTo(map);
        var marker = null;

        function place(lat, lon, fromMap) {
            if (lat === null || lon === null) { return; }
            if (!marker) {
                // A CSS icon: Leaflet's default image path breaks with hashed static file names.
                var icon = L.divIcon({
                    className: "facility-marker", html: '<span class="theme-administratif"></span>', iconSize: [22, 22]
                });
                marker = L.marker([lat, lon], { draggable: true, icon: icon, title: "Position de l'équipement" }).addTo(map);
                marker.on("dragend", function () {
                    var point = marker.getLatLng();
                    place(point.lat, point.lng, true);
                });
            } else {
                marker.setLatLng([lat, lon]);
            }
            if (fromMap) {
                latitude.value = lat.toFixed(6);
                longitude.value = lon.toFixed(6);
                [latitude, longitude].forEach(function (input) {
                    input.dispatchEvent(new Event("input", { bubbles: true }));
                    input.dispatchEvent(new Event("change", { bubbles: true }));
                });
            }
        }

        map.on("click", function (event) { place(event.latlng.lat, event.latlng.lng, true); });
        [latitude, longitude].forEach(function (input) {
            input.addEventListener("change", function () { place(number(latitude), number(longitude), false); });
        });
        place(number(latitude), number(longitude), false);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}());
