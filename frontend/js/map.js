// Thin wrapper around Leaflet (loaded from /vendor/ as the global `L`) for the
// Rust app. Text from users is always set with textContent, never as HTML.

const NATURAL_EARTH = 'Country shapes: <a href="https://www.naturalearthdata.com/">Natural Earth</a>';
let countriesPromise = null;

function countries() {
  if (!countriesPromise) {
    countriesPromise = fetch('/vendor/world-atlas/countries-50m.json')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error('countries ' + r.status))))
      .then((topo) => topojson.feature(topo, topo.objects.countries));
  }
  return countriesPromise;
}

// Leaflet measures its element once; when the element is laid out later (it
// was created off-screen, the phone rotated) tell it the new size.
function followSize(map, element) {
  if (typeof ResizeObserver === 'undefined') return;
  const observer = new ResizeObserver(() => map.invalidateSize());
  observer.observe(element);
  map.on('unload', () => observer.disconnect());
}

function baseLayer(map, tileUrl, tileAttribution) {
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 19, attribution: tileAttribution || '' }).addTo(map);
    return;
  }
  map.attributionControl.addAttribution(NATURAL_EARTH);
  countries()
    .then((shapes) => {
      L.geoJSON(shapes, {
        interactive: false,
        style: { color: '#8a8f98', weight: 0.6, fillColor: '#f4f1ea', fillOpacity: 1 },
      }).addTo(map);
      map.getPane('overlayPane').style.zIndex = 350;
    })
    .catch((e) => console.warn('country shapes not loaded', e));
}

export function createMap(element, tileUrl, tileAttribution, label) {
  const map = L.map(element, {
    worldCopyJump: true,
    minZoom: 1,
    maxZoom: 18,
    zoomSnap: 0.5,
    keyboard: true,
  }).setView([25, 10], 2);
  // The zoom level, for the browser tests.
  element.dataset.zoom = String(map.getZoom());
  map.on('zoomend', () => {
    element.dataset.zoom = String(map.getZoom());
  });
  element.setAttribute('aria-label', label);
  element.setAttribute('role', 'region');
  element.classList.add('map-base');
  followSize(map, element);
  baseLayer(map, tileUrl, tileAttribution);
  const cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 45 });
  map.addLayer(cluster);
  return { map, cluster, markers: new Map() };
}

function popupContent(item) {
  const box = document.createElement('div');
  box.className = 'popup';
  box.dir = 'auto';
  const title = document.createElement('a');
  title.href = item.url;
  title.textContent = item.title;
  title.className = 'popup-title';
  if (item.cancelled) title.classList.add('cancelled');
  const where = document.createElement('div');
  where.textContent = item.place;
  const when = document.createElement('div');
  when.textContent = item.when;
  box.append(title, where, when);
  return box;
}

// items: [{id, lat, lon, title, place, when, url, cancelled}]
export function setEvents(handle, items) {
  handle.cluster.clearLayers();
  handle.markers.clear();
  const markers = items.map((item) => {
    const icon = L.divIcon({
      className: 'event-pin' + (item.cancelled ? ' cancelled' : ''),
      html: '',
      iconSize: [18, 18],
    });
    const marker = L.marker([item.lat, item.lon], { icon, title: item.title, alt: item.title, keyboard: true });
    marker.bindPopup(() => popupContent(item));
    handle.markers.set(item.id, marker);
    return marker;
  });
  handle.cluster.addLayers(markers);
}

export function openEvent(handle, id) {
  const marker = handle.markers.get(id);
  if (marker) {
    handle.cluster.zoomToShowLayer(marker, () => marker.openPopup());
  }
}

// points: flat [lat, lon, lat, lon, ...]
export function fitPoints(handle, points, maxZoom) {
  if (points.length < 2) return;
  const latlngs = [];
  for (let i = 0; i + 1 < points.length; i += 2) latlngs.push([points[i], points[i + 1]]);
  handle.map.fitBounds(L.latLngBounds(latlngs).pad(0.2), { maxZoom });
}

export function invalidate(handle) {
  handle.map.invalidateSize();
}

export function markerCount(handle) {
  return handle.markers.size;
}

export function destroy(handle) {
  handle.map.remove();
}

// A small map with one draggable pin: the meeting point of a new action.
export function createPinMap(element, lat, lon, tileUrl, tileAttribution, label, onMove) {
  const map = L.map(element, { keyboard: true, zoomSnap: 0.5 }).setView([lat, lon], 13);
  element.setAttribute('aria-label', label);
  element.classList.add('map-base');
  followSize(map, element);
  baseLayer(map, tileUrl, tileAttribution);
  const icon = L.divIcon({ className: 'meeting-pin', html: '', iconSize: [22, 22] });
  const marker = L.marker([lat, lon], { draggable: true, autoPan: true, icon, title: label, keyboard: true }).addTo(map);
  const report = () => {
    const p = marker.getLatLng();
    onMove(p.lat, L.Util.wrapNum(p.lng, [-180, 180], true));
  };
  marker.on('dragend', report);
  map.on('click', (e) => {
    marker.setLatLng(e.latlng);
    report();
  });
  return { map, marker };
}

export function movePin(handle, lat, lon, zoom) {
  handle.marker.setLatLng([lat, lon]);
  handle.map.setView([lat, lon], zoom);
}
