### English: the interface's source language.
###
### Fluent syntax: https://projectfluent.org/fluent/guide/
### Each message exists in en.ftl, fa.ftl and es.ftl (the unit tests check it).
### Plain messages become fields of `Texts` (id `nav-find` is `texts().nav_find`);
### messages with { $arguments } are methods of `Lang` in src/i18n/mod.rs.

## The frame of every page

brand = Day of Action
skip = Skip to content
nav-find = Find an action
nav-register = Register an action
language = Language
loading = Loading…
load-failed = Could not load this page:
not-found = This page does not exist.
event-not-found = This action does not exist or is no longer listed.
no-campaign = There is no campaign yet.
footer = No trackers and no third-party scripts: everything on this page comes from this server. Country shapes: Natural Earth (public domain). Places: GeoNames (CC BY 4.0).

## Campaign home: counters, search near, filters, list and map

counters-label = Campaign in numbers
cta-find = Find an action near you
cta-register = Register your group's action
near-me = Use my location
near-city = …or a city
near-heading = Nearest actions
near-none = No action within 20,000 km. Try another city.
near-denied = Your location is not available. Type a city instead.
show-everything = Show all actions
filter-kind = Kind
all-kinds = All kinds
filter-country = Country
all-countries = All countries
filter-text = Search
view = View
view-all = All actions
view-now = Happening now and next
list-heading = Actions by country
now-heading = Happening now
next-heading = Starting next
no-events = No action matches.
happening-now = happening now
ended = ended
cancelled = cancelled
your-time = your time
map-label = Map of actions. The list below gives the same actions.
map-zoom-in = Zoom in
map-zoom-out = Zoom out
map-close-popup = Close popup

## Kinds of action

kind-rally = Rally
kind-march = March
kind-vigil = Vigil
kind-picket = Picket
kind-meeting = Meeting
kind-letter-writing = Letter writing
kind-online = Online
kind-other = Other

## An action's page

when = When
where = Where
on-map = On the map
organiser = Organised by
contact = Contact
links = Links
add-calendar = Add to calendar (.ics)
open-osm = Open in OpenStreetMap
share = Copy link to share
copied = Link copied.
back = All actions
city-only-note = The group shows only the city. Contact them for the meeting point.

## Register form (also used by the edit page)

register-title = Register an action
register-intro = No account needed. You will receive a private link to update or cancel your action.
f-title = Title
f-kind = Kind of action
f-description = Description
f-organiser = Organised by (group name)
f-contact-email = Your email (private)
h-contact-email = Only the campaign's organisers see it, never the public.
f-public-contact = Public contact (optional)
h-public-contact = Shown to everyone: an email, a website or a social media handle.
f-city = City
h-city = Start typing, then choose the city from the list.
f-address = Meeting point (address or landmark)
f-pin = Meeting point on the map
h-pin = Drag the pin, or click the map, to the exact meeting point.
f-date = Date
f-start = Starts at
f-end = Ends at (optional)
f-links = Links (optional)
h-links = One web address per line.
f-language = Language of the action
f-visibility = Who may see the meeting point?
visibility-exact = Everyone: show the exact meeting point
visibility-city = Only the city: keep the exact point for the organisers
submit-register = Register the action
sending = Sending…
fix-errors = Some fields need your attention.
registered-title = Your action is registered
pending-note = It will be listed once an organiser has reviewed it.
edit-link-label = Your private edit link
keep-warning = Keep this link safe and private. Anyone who has it can change, cancel or withdraw your action, and it is shown only this once.
copy = Copy
view-action = See your action

## Edit page: changes, new link, cancelling, withdrawing

edit-title = Edit your action
save = Save changes
saved = Your changes are saved.
cancel-action = Cancel this action
confirm-cancel = Cancel this action? It stays listed, marked as cancelled.
cancelled-done = This action is cancelled.
stale = Someone changed this action after you opened it. Load the current version, then make your changes again.
load-current = Load the current version
no-token = This page needs the private edit link you received when you registered the action.
token-hidden = For your safety, the private link has been removed from the address bar and from this browser's history. Keep your own copy: you need it to come back here.
link-invalid = This edit link does not work. It may have been replaced by a new link, or the action was withdrawn.
cancelled-can-hide = It stays listed, struck through. You can still change it, for example to hide its meeting point: choose “Only the city”, clear the meeting point, then save.
manage-heading = Your link, cancelling and withdrawing
new-link-heading = Get a new edit link
new-link-explain = Use this if your phone or this link may have been seen by someone else. You get a new link, shown once; the old link stops working at once.
new-link-button = Get a new edit link
new-link-done = Here is your new edit link. The old link no longer works.
cancel-heading = Cancel the action
cancel-explain = Cancelling keeps the action visible, struck through and marked as cancelled, so that nobody travels to an action that is off.
withdraw-heading = Withdraw the action
withdraw-explain = Withdrawing removes the action from the map, the lists, the counts and the feeds at once, and erases its meeting point and your contact details. This cannot be undone.
withdraw-action = Withdraw this action
confirm-withdraw = Withdraw this action? It disappears everywhere and its private data is erased. This cannot be undone.
withdrawn-done = Your action is withdrawn.
withdrawn-note = It no longer appears anywhere, its meeting point and your contact details are erased, and the edit link no longer works.

## Embedding the map

embed-title = Put this map on your website
embed-hint = Copy this code into your page:

## Numbers. $count is a number: it chooses the plural form and is written in
## the language's digits.

# The word after a counter on the home page (the number is shown before it).
counter-actions = { $count ->
    [one] action
   *[other] actions
}
counter-cities = { $count ->
    [one] city
   *[other] cities
}
counter-countries = { $count ->
    [one] country
   *[other] countries
}
counter-organisations = { $count ->
    [one] organisation
   *[other] organisations
}
# The button under a country's first actions; $count is all of its actions.
show-all = { $count ->
    [one] Show { $count } action
   *[other] Show all { $count }
}
# How many actions the list shows after filtering.
shown-count = { $count } shown
# The accessible name of a group of pins on the map.
map-cluster = { $count ->
    [one] { $count } action, zoom in
   *[other] { $count } actions, zoom in
}
# $km: a distance with at most one decimal.
distance-km = { $km } km
# $zone: a time zone and its offset, e.g. Europe/Stockholm (+01:00).
zone-note = Local time in { $zone }

## Field errors sent by the server (shared::FieldError), shown under the field.
## The id is field-error- and the code in kebab case; the arguments are its
## parameters. $field, $other: a field's label. $allowed: a list of values.

field-error-required = This field is required.
field-error-required-one-of = Choose one of: { $allowed }.
field-error-required-with = This field is required together with “{ $other }”.
field-error-contact-required = Your email is required. Only the campaign's organisers see it, never the public.
field-error-city-required = Choose a city.
field-error-country-required-with-city = Choose the city from the suggestions, so that its country is known.
field-error-start-required = Give the local date and start time, for example { $example }.
field-error-search-required = Type the start of a city's name, in any language.
field-error-too-long = { $max ->
    [one] At most { $max } character.
   *[other] At most { $max } characters.
}
field-error-required-at-most = { $max ->
    [one] This field is required, at most { $max } character.
   *[other] This field is required, at most { $max } characters.
}
field-error-too-many-links = { $max ->
    [one] At most { $max } link.
   *[other] At most { $max } links.
}
field-error-not-one-of = “{ $value }” is not one of the choices: { $allowed }.
field-error-only-value = The only accepted value is “{ $value }”.
field-error-whole-number-range = Give a whole number from { $min } to { $max }.
field-error-positive-whole-number = Give a positive whole number.
field-error-number-range = Give a number between { $min } and { $max }.
field-error-distance-range = Give a distance in kilometres above 0 and at most { $max }.
field-error-invalid-email = Give an email address like { $example }.
field-error-invalid-country-code = Give a two-letter country code like { $example }.
field-error-invalid-language-tag = Give a language tag like en, fa or pt-BR.
field-error-invalid-time-zone = Give a time zone name like { $example }.
field-error-invalid-date = Give a date like { $example }.
field-error-invalid-date-time = Give a local date and time like { $example }.
field-error-year-out-of-range = Give a date between the years { $first } and { $last }.
field-error-invalid-slug = Use 1 to { $max } lower-case letters, digits and hyphens (not at the start or the end).
field-error-invalid-point = Give a point as latitude,longitude in degrees, for example { $example }.
field-error-invalid-bbox = Give an area as minLon,minLat,maxLon,maxLat in degrees, with minLat at most maxLat.
field-error-needs-near = This needs a point to search around (near).
field-error-invalid-cursor = The list has changed since this page of it. Start again from the first page.
field-error-invalid-version = Give the action's version in quotes, for example { $example }.
field-error-control-character = Remove the control characters from this text.
field-error-invisible-character = Remove the invisible or direction-changing character ({ $character }) from this text.
field-error-stray-joiner = A zero-width joiner ({ $character }) may only stand between two letters.
field-error-bad-link = { $max ->
    [one] Each link must be a web address starting with http:// or https://, of at most { $max } character.
   *[other] Each link must be a web address starting with http:// or https://, of at most { $max } characters.
}
field-error-link-with-credentials = A link must not contain a user name or password before its host (user@host).
field-error-length-between = Give { $min } to { $max } characters.
field-error-unknown-campaign = No campaign has the address name “{ $slug }”.
field-error-unknown-place = This place is not known. Choose a city from the suggestions.
field-error-city-not-found = This city was not found. Choose a city from the suggestions.
field-error-no-listed-city-near = To show only the city, a listed city of { $country } must be within { $km } km of the meeting point. Choose a city from the suggestions, or show the meeting point.
field-error-wrong-country = { $city } is in { $country }, not in { $given }.
field-error-too-far-from-city = The meeting point is { $km } km from { $city }. Move the pin closer, or choose another city.
field-error-city-time-zone = An action that shows only its city uses the city's time zone ({ $zone }).
field-error-time-zone-unknown = The time zone cannot be found from this point. Give it, for example { $example }.
field-error-in-dst-gap = { $local } does not exist in { $zone }: the clocks jump from { $from } to { $to } (UTC{ $offset_before } to UTC{ $offset_after }). Choose a time outside that gap.
field-error-offset-not-in-force = The offset { $given } is not in force in { $zone } at { $local }; it is { $valid }.
# $days is "one" when the campaign has a single day ($first), else "several" ($first to $last).
field-error-outside-campaign = { $days ->
    [one] The action must be on the campaign's day of action, { $first } (local date in { $zone }); { $date } is not.
   *[several] The action must be on one of the campaign's days of action, { $first } to { $last } (local date in { $zone }); { $date } is not.
}
field-error-not-after = Must be after “{ $other }”.
field-error-before = Must not be before “{ $other }”.
field-error-too-long-action = { $max_hours ->
    [one] An action may last at most { $max_hours } hour.
   *[other] An action may last at most { $max_hours } hours.
}
field-error-too-long-campaign = { $max_days ->
    [one] A campaign lasts at most { $max_days } day.
   *[other] A campaign lasts at most { $max_days } days.
}
# $detail: the server's English description.
field-error-unknown-field = The request has a field that is not known: { $detail }
field-error-wrong-type = This value has the wrong form: { $detail }
# A problem this version of the app does not know yet.
field-error-unknown = This value is not valid.

## Organisers: login, navigation, campaigns

nav-organise = For organisers
o-login-title = Organisers' login
o-login = Log in
o-email = Email
o-password = Password
o-login-wrong = This email and password do not match an account.
o-login-too-many = Too many attempts. Wait a few minutes, then try again.
o-nav-label = Organisers
o-campaign-nav = This campaign
o-campaigns = Campaigns
o-new-campaign = New campaign
o-team = Team
o-audit = Audit log
o-outbox = Outbox
o-logged-in-as = Logged in as
o-logout = Log out
o-admins-only = Only admins can open this page.
o-forbidden = You may not see or change this.
o-no-campaigns = You moderate no campaign yet. An admin can give you one.
o-dashboard = Dashboard
o-queue = Moderation queue
o-endorsements = Endorsements
o-settings = Settings
o-public-page = Public page

## Campaign editor

c-slug = Address name (slug)
h-slug = Lower-case letters, digits and hyphens; part of the campaign's address. It cannot change later.
c-title = Title
c-summary = Summary
c-cta = Call to action
c-starts-on = First day of action
c-ends-on = Last day of action
c-moderation = Moderation
c-publish-at-once = Publish new actions at once
c-review-first = Review new actions first
c-public-contact = Public contact
h-campaign-contact = An email address or a web address, shown on the campaign page.
c-max-pending = Most submissions waiting for review from one visitor per hour
h-max-pending = 0: no limit. Stops one client from flooding the queue.
c-archived = Archived
h-archived = An archived campaign stays readable but takes no new actions or endorsements and is not listed.
c-create = Create campaign
c-created = The campaign was created.

## Dashboard

d-counts = Counters
d-published = Published
d-pending = Waiting for review
d-changed = Changed since approval
d-rejected = Rejected
d-cancelled = Cancelled
d-withdrawn = Withdrawn
d-cities = Cities (public count)
d-countries = Countries (public count)
d-organisations = Endorsing organisations
d-queue = In the queue
d-pending-endorsements = Endorsements to review
d-map = Map by status
d-map-label = Map of every action of the campaign, coloured by status. The table by country gives the published ones.
d-legend = Colours of the map
d-by-country = Published actions by country and city
d-exports = Exports
d-export-csv = CSV with private columns (contact, exact point, address)
d-export-geojson = GeoJSON
d-export-atom = Atom feed of new actions
d-export-ics = Calendar (.ics)
wave-title = The wave: actions by starting hour (UTC)
wave-empty = No published action yet.
wave-table = The wave as a table
wave-hour = Hour (UTC)
# $hour: 00:00 to 23:00; $count: published actions starting in that hour.
wave-peak = { $count ->
    [one] Busiest hour: { $hour } UTC, with { $count } action.
   *[other] Busiest hour: { $hour } UTC, with { $count } actions.
}

## Statuses

st-pending = pending
st-published = published
st-rejected = rejected
st-cancelled = cancelled
st-withdrawn = withdrawn

## Moderation queue

q-keys = Keys: j and k move between actions, x selects, a approves, r goes to the reason for a rejection, s marks as spam.
q-filters = Filter the queue
q-status = Show
q-status-queue = To review (new and changed)
q-status-spam = spam
q-country = Country code
q-bulk = Selected actions
q-select = Select
q-select-all = Select all
q-select-none = Clear selection
q-reason = Reason (sent to the group)
q-refused = Some actions were not changed:
q-empty = Nothing here. The queue is empty.
q-new = new
q-changed = changed since approval
q-private-contact = Private contact
q-submitted = Submitted
q-changes = Changes since approval
q-field = Field
q-approved-value = As approved
q-now-value = Now
q-duplicates = Possible duplicates:
q-trust = Trust this group (its later actions publish at once)
q-approve = Approve
q-reject = Reject
q-spam = Spam
q-accept = Accept changes
q-revert = Put back as approved
q-unpublish = Take down
q-see-page = Public page
# $decision: the button's name ("Approve"); $title: the action's title.
decided = { $decision }: { $title }. Done.
decision-failed = Not done for { $title }: { $message }
# $done and $refused: how many actions of a bulk decision were done and refused.
bulk-done = { $decision }: { $done } done, { $refused } refused.
queue-total = { $count ->
    [one] { $count } action
   *[other] { $count } actions
}
selected-count = { $count ->
    [one] { $count } selected
   *[other] { $count } selected
}

## Endorsements

e-pending = Waiting for approval
e-none-pending = No endorsement is waiting.
e-import = Import a list
e-import-hint = CSV with a header row: name,name_alt,city,country_code,website. Imported endorsements are approved at once.
e-import-file = CSV file
e-import-text = …or paste the CSV
e-import-button = Import
# $imported and $refused: lines imported and lines refused.
imported = { $imported ->
    [one] { $imported } endorsement imported, { $refused } lines refused.
   *[other] { $imported } endorsements imported, { $refused } lines refused.
}
n-title = Sign the call
n-intro = Your organisation can sign this campaign's call. The organisers check each signature before it is listed.
n-name = Name of the organisation
n-name-alt = Name in another script (optional)
h-name-alt = For example the Persian name beside the English one.
h-endorser-city = The city where your organisation is; it also gives the country.
n-website = Website (optional)
h-endorser-email = Only the organisers see it, to check the signature.
n-submit = Sign the call
n-thanks = Thank you for signing.
n-review-note = The organisers will review your signature; it appears on the list once approved.
n-see-list = See who has signed
n-list-title = Organisations that signed the call
n-sign = Sign the call
no-endorsements = No organisation has signed yet.
no-country = Without a country
endorsement-count = { $count ->
    [one] { $count } organisation has signed.
   *[other] { $count } organisations have signed.
}

## Team and invitations

t-role = Role
t-admin = Admin
t-moderator = Moderator
t-scopes = Campaigns (and countries)
h-scopes = Campaign address names, each optionally with country codes: day-2026:DE,AT; other-day
t-state = Account
t-active = active
t-disabled = disabled
t-enable = Enable
t-disable = Disable
t-actions = Actions
t-invite = Invite an organiser
t-invite-button = Make an invitation link
t-invite-link = One-time invitation link
t-invite-once = Give this link to the new organiser privately. It works once, for 7 days, and is shown only now.
i-title = Join the organisers
i-intro = Choose your password to finish your account.
i-password-hint = At least 12 characters.
i-submit = Create my account
i-invalid = This invitation link is not valid, was used already or has expired. Ask an admin for a new one.

## Audit log and outbox

a-when = When
a-who = Who
a-action = Action
a-campaign = Campaign
a-event = Action no.
a-detail = Detail
a-empty = Nothing logged yet.
a-older = Show older entries
x-intro = Messages to groups and organisers. Without a mail server configured they stay here, unsent.
x-empty = No message yet.
x-to = To
x-subject = Subject
x-body = Message
x-created = Created
x-state = Sent
x-sent = Sent
