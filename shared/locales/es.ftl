### Spanish (español). Plural categories (CLDR): one, many (a million and
### more, "1 000 000 de acciones"), other.
###
### Fluent syntax: https://projectfluent.org/fluent/guide/
### Each message exists in en.ftl, fa.ftl and es.ftl (the unit tests check it).
### Plain messages become fields of `Texts` (id `nav-find` is `texts().nav_find`);
### messages with { $arguments } are methods of `Lang` in src/i18n/mod.rs.

## The frame of every page

brand = Día de Acción
skip = Saltar al contenido
nav-find = Encontrar una acción
nav-register = Registrar una acción
language = Idioma
loading = Cargando…
load-failed = No se pudo cargar esta página:
not-found = Esta página no existe.
event-not-found = Esta acción no existe o ya no está en la lista.
no-campaign = Todavía no hay ninguna campaña.
footer = Sin rastreadores ni scripts de terceros: todo en esta página viene de este servidor. Fronteras: Natural Earth (dominio público). Lugares: GeoNames (CC BY 4.0).

## Campaign home: counters, search near, filters, list and map

counters-label = La campaña en cifras
cta-find = Encuentra una acción cerca de ti
cta-register = Registra la acción de tu grupo
near-me = Usar mi ubicación
near-city = …o una ciudad
near-heading = Acciones más cercanas
near-none = No hay ninguna acción a menos de 20.000 km. Prueba otra ciudad.
near-denied = Tu ubicación no está disponible. Escribe una ciudad.
show-everything = Mostrar todas las acciones
filter-kind = Tipo
all-kinds = Todos los tipos
filter-country = País
all-countries = Todos los países
filter-text = Buscar
view = Vista
view-all = Todas las acciones
view-now = Ahora y a continuación
list-heading = Acciones por país
now-heading = En curso
next-heading = Empiezan pronto
no-events = Ninguna acción coincide.
happening-now = en curso
ended = terminada
cancelled = cancelada
your-time = tu hora
map-label = Mapa de acciones. La lista de abajo muestra las mismas acciones.
map-zoom-in = Acercar
map-zoom-out = Alejar
map-close-popup = Cerrar la ventana

## Kinds of action

kind-rally = Concentración
kind-march = Marcha
kind-vigil = Vigilia
kind-picket = Piquete
kind-meeting = Reunión
kind-letter-writing = Envío de cartas
kind-online = En línea
kind-other = Otra

## An action's page

when = Cuándo
where = Dónde
on-map = En el mapa
organiser = Organiza
contact = Contacto
links = Enlaces
add-calendar = Añadir al calendario (.ics)
open-osm = Abrir en OpenStreetMap
share = Copiar el enlace para compartir
copied = Enlace copiado.
back = Todas las acciones
city-only-note = El grupo solo muestra la ciudad. Contacta con ellos para el punto de encuentro.

## Register form (also used by the edit page)

register-title = Registrar una acción
register-intro = No hace falta cuenta. Recibirás un enlace privado para modificar o cancelar tu acción.
f-title = Título
f-kind = Tipo de acción
f-description = Descripción
f-organiser = Organiza (nombre del grupo)
f-contact-email = Tu correo (privado)
h-contact-email = Solo lo ven las personas que organizan la campaña, nunca el público.
f-public-contact = Contacto público (opcional)
h-public-contact = Visible para todos: un correo, una web o una cuenta en redes sociales.
f-city = Ciudad
h-city = Empieza a escribir y elige la ciudad de la lista.
f-address = Punto de encuentro (dirección o lugar)
f-pin = Punto de encuentro en el mapa
h-pin = Arrastra el marcador, o haz clic en el mapa, hasta el punto exacto de encuentro.
f-date = Fecha
f-start = Empieza a las
f-end = Termina a las (opcional)
f-links = Enlaces (opcional)
h-links = Una dirección web por línea.
f-language = Idioma de la acción
f-visibility = ¿Quién puede ver el punto de encuentro?
visibility-exact = Todo el mundo: mostrar el punto exacto
visibility-city = Solo la ciudad: el punto exacto solo para quienes organizan
submit-register = Registrar la acción
sending = Enviando…
fix-errors = Algunos campos necesitan tu atención.
registered-title = Tu acción está registrada
pending-note = Aparecerá en la lista cuando la organización la haya revisado.
edit-link-label = Tu enlace privado de edición
keep-warning = Guarda este enlace en un lugar seguro y privado. Quien lo tenga puede modificar, cancelar o retirar tu acción, y solo se muestra esta vez.
copy = Copiar
view-action = Ver tu acción

## Edit page: changes, new link, cancelling, withdrawing

edit-title = Editar tu acción
save = Guardar los cambios
saved = Tus cambios están guardados.
cancel-action = Cancelar esta acción
confirm-cancel = ¿Cancelar esta acción? Seguirá en la lista, marcada como cancelada.
cancelled-done = Esta acción está cancelada.
stale = Alguien modificó esta acción después de que la abrieras. Carga la versión actual y vuelve a hacer tus cambios.
load-current = Cargar la versión actual
no-token = Esta página necesita el enlace privado de edición que recibiste al registrar la acción.
token-hidden = Por tu seguridad, el enlace privado se ha quitado de la barra de direcciones y del historial de este navegador. Guarda tu copia: la necesitas para volver aquí.
link-invalid = Este enlace de edición no funciona. Puede que se haya sustituido por un enlace nuevo o que la acción se haya retirado.
cancelled-can-hide = Sigue en la lista, tachada. Todavía puedes modificarla, por ejemplo para ocultar el punto de encuentro: elige «Solo la ciudad», borra el punto de encuentro y guarda.
manage-heading = Tu enlace, cancelar y retirar
new-link-heading = Obtener un nuevo enlace de edición
new-link-explain = Úsalo si alguien más ha podido ver tu teléfono o este enlace. Recibirás un enlace nuevo, que se muestra una sola vez; el enlace anterior deja de funcionar en el acto.
new-link-button = Obtener un nuevo enlace de edición
new-link-done = Este es tu nuevo enlace de edición. El enlace anterior ya no funciona.
cancel-heading = Cancelar la acción
cancel-explain = Al cancelarla, la acción sigue visible, tachada y marcada como cancelada, para que nadie se desplace a una acción que no se hará.
withdraw-heading = Retirar la acción
withdraw-explain = Al retirarla, la acción desaparece en el acto del mapa, las listas, los recuentos y los feeds, y se borran su punto de encuentro y tus datos de contacto. No se puede deshacer.
withdraw-action = Retirar esta acción
confirm-withdraw = ¿Retirar esta acción? Desaparecerá de todas partes y se borrarán sus datos privados. No se puede deshacer.
withdrawn-done = Tu acción se ha retirado.
withdrawn-note = Ya no aparece en ninguna parte, su punto de encuentro y tus datos de contacto se han borrado, y el enlace de edición ya no funciona.

## Embedding the map

embed-title = Pon este mapa en tu web
embed-hint = Copia este código en tu página:

## Números. $count es un número: elige la forma del plural y se escribe con
## las cifras del idioma.

# La palabra tras un contador de la portada (el número va delante).
counter-actions = { $count ->
    [one] acción
    [many] de acciones
   *[other] acciones
}
counter-cities = { $count ->
    [one] ciudad
    [many] de ciudades
   *[other] ciudades
}
counter-countries = { $count ->
    [one] país
   *[other] países
}
counter-organisations = { $count ->
    [one] organización
    [many] de organizaciones
   *[other] organizaciones
}
# El botón bajo las primeras acciones de un país; $count son todas sus acciones.
show-all = { $count ->
    [one] Mostrar { $count } acción
   *[other] Mostrar las { $count }
}
# Cuántas acciones muestra la lista tras filtrar.
shown-count = { $count ->
    [one] { $count } mostrada
   *[other] { $count } mostradas
}
# El nombre accesible de un grupo de marcadores del mapa.
map-cluster = { $count ->
    [one] { $count } acción, acercar
   *[other] { $count } acciones, acercar
}
distance-km = { $km } km
zone-note = Hora local de { $zone }

## Errores de campo del servidor (shared::FieldError), bajo el campo.

field-error-required = Este campo es obligatorio.
field-error-required-one-of = Elige una opción: { $allowed }.
field-error-required-with = Este campo es obligatorio junto con «{ $other }».
field-error-contact-required = Tu correo es obligatorio. Solo lo ven las personas que organizan la campaña, nunca el público.
field-error-city-required = Elige una ciudad.
field-error-country-required-with-city = Elige la ciudad de la lista de sugerencias, para que se sepa su país.
field-error-start-required = Indica la fecha y la hora local de inicio, por ejemplo { $example }.
field-error-search-required = Escribe el principio del nombre de una ciudad, en cualquier idioma.
field-error-too-long = { $max ->
    [one] Como máximo { $max } carácter.
   *[other] Como máximo { $max } caracteres.
}
field-error-required-at-most = { $max ->
    [one] Este campo es obligatorio, de { $max } carácter como máximo.
   *[other] Este campo es obligatorio, de { $max } caracteres como máximo.
}
field-error-too-many-links = { $max ->
    [one] Como máximo { $max } enlace.
   *[other] Como máximo { $max } enlaces.
}
field-error-not-one-of = «{ $value }» no es una de las opciones: { $allowed }.
field-error-only-value = El único valor aceptado es «{ $value }».
field-error-whole-number-range = Indica un número entero de { $min } a { $max }.
field-error-positive-whole-number = Indica un número entero positivo.
field-error-number-range = Indica un número entre { $min } y { $max }.
field-error-distance-range = Indica una distancia en kilómetros mayor que 0 y de { $max } como máximo.
field-error-invalid-email = Indica una dirección de correo como { $example }.
field-error-invalid-country-code = Indica un código de país de dos letras como { $example }.
field-error-invalid-language-tag = Indica una etiqueta de idioma como en, fa o pt-BR.
field-error-invalid-time-zone = Indica el nombre de una zona horaria como { $example }.
field-error-invalid-date = Indica una fecha como { $example }.
field-error-invalid-date-time = Indica una fecha y hora local como { $example }.
field-error-year-out-of-range = Indica una fecha entre los años { $first } y { $last }.
field-error-invalid-slug = Usa de 1 a { $max } letras minúsculas, cifras y guiones (no al principio ni al final).
field-error-invalid-point = Indica un punto como latitud,longitud en grados, por ejemplo { $example }.
field-error-invalid-bbox = Indica una zona como minLon,minLat,maxLon,maxLat en grados, con minLat no mayor que maxLat.
field-error-needs-near = Hace falta un punto alrededor del cual buscar (near).
field-error-invalid-cursor = La lista ha cambiado desde esta página. Vuelve a empezar por la primera.
field-error-invalid-version = Indica la versión de la acción entre comillas, por ejemplo { $example }.
field-error-control-character = Quita los caracteres de control de este texto.
field-error-invisible-character = Quita de este texto el carácter invisible o que cambia la dirección ({ $character }).
field-error-stray-joiner = Un carácter de unión de ancho cero ({ $character }) solo puede ir entre dos letras.
field-error-bad-link = { $max ->
    [one] Cada enlace debe ser una dirección web que empiece por http:// o https://, de { $max } carácter como máximo.
   *[other] Cada enlace debe ser una dirección web que empiece por http:// o https://, de { $max } caracteres como máximo.
}
field-error-link-with-credentials = Un enlace no debe llevar un nombre de usuario ni una contraseña antes del servidor (usuario@servidor).
field-error-length-between = Escribe entre { $min } y { $max } caracteres.
field-error-unknown-campaign = Ninguna campaña tiene el nombre «{ $slug }».
field-error-unknown-place = Este lugar no se conoce. Elige una ciudad de la lista de sugerencias.
field-error-city-not-found = No se ha encontrado esta ciudad. Elige una ciudad de la lista de sugerencias.
field-error-no-listed-city-near = Para mostrar solo la ciudad, debe haber una ciudad conocida de { $country } a menos de { $km } km del punto de encuentro. Elige una ciudad de la lista de sugerencias o muestra el punto de encuentro.
field-error-wrong-country = { $city } está en { $country }, no en { $given }.
field-error-too-far-from-city = El punto de encuentro está a { $km } km de { $city }. Acerca el marcador o elige otra ciudad.
field-error-city-time-zone = Una acción que solo muestra su ciudad usa la zona horaria de la ciudad ({ $zone }).
field-error-time-zone-unknown = No se puede deducir la zona horaria de este punto. Indícala, por ejemplo { $example }.
field-error-in-dst-gap = { $local } no existe en { $zone }: los relojes saltan de { $from } a { $to } (de UTC{ $offset_before } a UTC{ $offset_after }). Elige una hora fuera de ese salto.
field-error-offset-not-in-force = El desfase { $given } no está en vigor en { $zone } el { $local }; es { $valid }.
field-error-outside-campaign = { $days ->
    [one] La acción debe ser el día de acción de la campaña, el { $first } (fecha local en { $zone }); el { $date } no lo es.
   *[several] La acción debe ser uno de los días de acción de la campaña, del { $first } al { $last } (fecha local en { $zone }); el { $date } no lo es.
}
field-error-not-after = Debe ser después de «{ $other }».
field-error-before = No puede ser antes de «{ $other }».
field-error-too-long-action = { $max_hours ->
    [one] Una acción puede durar como máximo { $max_hours } hora.
   *[other] Una acción puede durar como máximo { $max_hours } horas.
}
field-error-too-long-campaign = { $max_days ->
    [one] Una campaña dura como máximo { $max_days } día.
   *[other] Una campaña dura como máximo { $max_days } días.
}
field-error-unknown-field = La solicitud tiene un campo desconocido: { $detail }
field-error-wrong-type = Este valor no tiene la forma correcta: { $detail }
field-error-unknown = Este valor no es válido.

## Organizadores: acceso, navegación, campañas

nav-organise = Para organizadores
o-login-title = Acceso de organizadores
o-login = Entrar
o-email = Correo electrónico
o-password = Contraseña
o-login-wrong = Este correo y esta contraseña no corresponden a ninguna cuenta.
o-login-too-many = Demasiados intentos. Espera unos minutos y vuelve a intentarlo.
o-nav-label = Organizadores
o-campaign-nav = Esta campaña
o-campaigns = Campañas
o-new-campaign = Nueva campaña
o-team = Equipo
o-audit = Registro de auditoría
o-outbox = Bandeja de salida
o-logged-in-as = Sesión iniciada como
o-logout = Salir
o-admins-only = Solo las personas administradoras pueden abrir esta página.
o-forbidden = No puedes ver ni cambiar esto.
o-no-campaigns = Aún no moderas ninguna campaña. Una persona administradora puede asignarte una.
o-dashboard = Panel
o-queue = Cola de moderación
o-endorsements = Adhesiones
o-settings = Ajustes
o-public-page = Página pública

## Editor de campañas

c-slug = Nombre en la dirección (slug)
h-slug = Minúsculas, cifras y guiones; forma parte de la dirección de la campaña. No se puede cambiar después.
c-title = Título
c-summary = Resumen
c-cta = Llamamiento
c-starts-on = Primer día de acción
c-ends-on = Último día de acción
c-moderation = Moderación
c-publish-at-once = Publicar las nuevas acciones enseguida
c-review-first = Revisar antes las nuevas acciones
c-public-contact = Contacto público
h-campaign-contact = Un correo o una dirección web, que se muestra en la página de la campaña.
c-max-pending = Máximo de envíos pendientes de revisión por visitante y hora
h-max-pending = 0: sin límite. Evita que un solo cliente inunde la cola.
c-archived = Archivada
h-archived = Una campaña archivada sigue visible, pero no acepta nuevas acciones ni adhesiones y no aparece en la lista.
c-create = Crear la campaña
c-created = La campaña se ha creado.

## Panel

d-counts = Cifras
d-published = Publicadas
d-pending = Pendientes de revisión
d-changed = Cambiadas tras la aprobación
d-rejected = Rechazadas
d-cancelled = Canceladas
d-withdrawn = Retiradas
d-cities = Ciudades (cifra pública)
d-countries = Países (cifra pública)
d-organisations = Organizaciones adheridas
d-queue = En la cola
d-pending-endorsements = Adhesiones por revisar
d-map = Mapa por estado
d-map-label = Mapa de todas las acciones de la campaña, con colores según su estado. La tabla por país da las publicadas.
d-legend = Colores del mapa
d-by-country = Acciones publicadas por país y ciudad
d-exports = Exportaciones
d-export-csv = CSV con columnas privadas (contacto, punto exacto, dirección)
d-export-geojson = GeoJSON
d-export-atom = Canal Atom de nuevas acciones
d-export-ics = Calendario (.ics)
wave-title = La ola: acciones por hora de inicio (UTC)
wave-empty = Aún no hay ninguna acción publicada.
wave-table = La ola en una tabla
wave-hour = Hora (UTC)
wave-peak = { $count ->
    [one] Hora con más acciones: { $hour } UTC, con { $count } acción.
   *[other] Hora con más acciones: { $hour } UTC, con { $count } acciones.
}

## Estados

st-pending = pendiente
st-published = publicada
st-rejected = rechazada
st-cancelled = cancelada
st-withdrawn = retirada

## Cola de moderación

q-keys = Teclas: j y k pasan de una acción a otra, x selecciona, a aprueba, r lleva al motivo de un rechazo, s marca como spam.
q-filters = Filtrar la cola
q-status = Mostrar
q-status-queue = Por revisar (nuevas y cambiadas)
q-status-spam = spam
q-country = Código de país
q-bulk = Acciones seleccionadas
q-select = Seleccionar
q-select-all = Seleccionar todas
q-select-none = Quitar la selección
q-reason = Motivo (se envía al grupo)
q-refused = Algunas acciones no se cambiaron:
q-empty = No hay nada. La cola está vacía.
q-new = nueva
q-changed = cambiada tras la aprobación
q-private-contact = Contacto privado
q-submitted = Enviada
q-changes = Cambios desde la aprobación
q-field = Campo
q-approved-value = Como se aprobó
q-now-value = Ahora
q-duplicates = Posibles duplicados:
q-trust = Confiar en este grupo (sus próximas acciones se publican enseguida)
q-approve = Aprobar
q-reject = Rechazar
q-spam = Spam
q-accept = Aceptar los cambios
q-revert = Volver a lo aprobado
q-unpublish = Retirar de la web
q-see-page = Página pública
decided = { $decision }: { $title }. Hecho.
decision-failed = No se ha hecho para { $title }: { $message }
bulk-done = { $decision }: { $done } hechas, { $refused } rechazadas.
queue-total = { $count ->
    [one] { $count } acción
   *[other] { $count } acciones
}
selected-count = { $count ->
    [one] { $count } seleccionada
   *[other] { $count } seleccionadas
}

## Adhesiones

e-pending = Pendientes de aprobación
e-none-pending = No hay ninguna adhesión pendiente.
e-import = Importar una lista
e-import-hint = CSV con una fila de cabecera: name,name_alt,city,country_code,website. Las adhesiones importadas se aprueban enseguida.
e-import-file = Archivo CSV
e-import-text = …o pega el CSV
e-import-button = Importar
imported = { $imported ->
    [one] { $imported } adhesión importada, { $refused } líneas rechazadas.
   *[other] { $imported } adhesiones importadas, { $refused } líneas rechazadas.
}
n-title = Firmar el llamamiento
n-intro = Tu organización puede firmar el llamamiento de esta campaña. Las organizadoras revisan cada firma antes de publicarla.
n-name = Nombre de la organización
n-name-alt = Nombre en otra escritura (opcional)
h-name-alt = Por ejemplo, el nombre en persa junto al nombre en español.
h-endorser-city = La ciudad donde está tu organización; también indica el país.
n-website = Sitio web (opcional)
h-endorser-email = Solo lo ven las organizadoras, para comprobar la firma.
n-submit = Firmar el llamamiento
n-thanks = Gracias por firmar.
n-review-note = Las organizadoras revisarán tu firma; aparecerá en la lista cuando la aprueben.
n-see-list = Ver quién ha firmado
n-list-title = Organizaciones que han firmado el llamamiento
n-sign = Firmar el llamamiento
no-endorsements = Todavía no ha firmado ninguna organización.
no-country = Sin país
endorsement-count = { $count ->
    [one] Ha firmado { $count } organización.
   *[other] Han firmado { $count } organizaciones.
}

## Equipo e invitaciones

t-role = Función
t-admin = Administración
t-moderator = Moderación
t-scopes = Campañas (y países)
h-scopes = Nombres de campaña, cada uno con códigos de país opcionales: day-2026:DE,AT; other-day
t-state = Cuenta
t-active = activa
t-disabled = desactivada
t-enable = Activar
t-disable = Desactivar
t-actions = Acciones
t-invite = Invitar a una persona organizadora
t-invite-button = Crear un enlace de invitación
t-invite-link = Enlace de invitación de un solo uso
t-invite-once = Da este enlace a la nueva persona en privado. Funciona una vez, durante 7 días, y solo se muestra ahora.
i-title = Unirse a las organizadoras
i-intro = Elige tu contraseña para terminar tu cuenta.
i-password-hint = Al menos 12 caracteres.
i-submit = Crear mi cuenta
i-invalid = Este enlace de invitación no es válido, ya se usó o ha caducado. Pide uno nuevo a una persona administradora.

## Registro de auditoría y bandeja de salida

a-when = Cuándo
a-who = Quién
a-action = Acción
a-campaign = Campaña
a-event = N.º de acción
a-detail = Detalle
a-empty = Aún no hay nada registrado.
a-older = Mostrar entradas anteriores
x-intro = Mensajes a grupos y organizadoras. Sin servidor de correo configurado, se quedan aquí sin enviar.
x-empty = Aún no hay mensajes.
x-to = Para
x-subject = Asunto
x-body = Mensaje
x-created = Creado
x-state = Enviado
x-sent = Enviado
