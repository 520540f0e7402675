### Persian (فارسی), right to left. Plural categories (CLDR): one, other; a noun
### after a number stays singular, so most messages need no variants.
###
### Fluent syntax: https://projectfluent.org/fluent/guide/
### Each message exists in en.ftl, fa.ftl and es.ftl (the unit tests check it).
### Plain messages become fields of `Texts` (id `nav-find` is `texts().nav_find`);
### messages with { $arguments } are methods of `Lang` in src/i18n/mod.rs.

## The frame of every page

brand = روز اقدام
skip = رفتن به محتوا
nav-find = یافتن یک اقدام
nav-register = ثبت یک اقدام
language = زبان
loading = در حال بارگذاری…
load-failed = بارگذاری این صفحه ممکن نشد:
not-found = این صفحه وجود ندارد.
event-not-found = این اقدام وجود ندارد یا دیگر در فهرست نیست.
no-campaign = هنوز هیچ کارزاری وجود ندارد.
footer = بدون ردیاب و بدون اسکریپت شخص ثالث: همه چیز این صفحه از همین سرور می‌آید. مرز کشورها: Natural Earth. مکان‌ها: GeoNames (CC BY 4.0).

## Campaign home: counters, search near, filters, list and map

counters-label = کارزار در یک نگاه
cta-find = اقدامی نزدیک خود پیدا کنید
cta-register = اقدام گروه خود را ثبت کنید
near-me = استفاده از موقعیت من
near-city = …یا یک شهر
near-heading = نزدیک‌ترین اقدام‌ها
near-none = هیچ اقدامی در فاصلهٔ ۲۰٬۰۰۰ کیلومتری نیست. شهر دیگری را امتحان کنید.
near-denied = موقعیت شما در دسترس نیست. به جای آن نام یک شهر را بنویسید.
show-everything = نمایش همهٔ اقدام‌ها
filter-kind = نوع
all-kinds = همهٔ انواع
filter-country = کشور
all-countries = همهٔ کشورها
filter-text = جستجو
view = نما
view-all = همهٔ اقدام‌ها
view-now = اکنون و به‌زودی
list-heading = اقدام‌ها بر اساس کشور
now-heading = در حال برگزاری
next-heading = به‌زودی آغاز می‌شود
no-events = هیچ اقدامی پیدا نشد.
happening-now = در حال برگزاری
ended = پایان یافته
cancelled = لغو شده
your-time = به وقت شما
map-label = نقشهٔ اقدام‌ها. فهرست زیر همین اقدام‌ها را نشان می‌دهد.
map-zoom-in = بزرگ‌نمایی
map-zoom-out = کوچک‌نمایی
map-close-popup = بستن

## Kinds of action

kind-rally = تجمع
kind-march = راهپیمایی
kind-vigil = شب‌زنده‌داری
kind-picket = پیکت
kind-meeting = نشست
kind-letter-writing = نامه‌نویسی
kind-online = برخط
kind-other = دیگر

## An action's page

when = زمان
where = مکان
on-map = روی نقشه
organiser = برگزارکننده
contact = تماس
links = پیوندها
add-calendar = افزودن به تقویم (.ics)
open-osm = باز کردن در OpenStreetMap
share = رونوشت پیوند برای هم‌رسانی
copied = پیوند رونوشت شد.
back = همهٔ اقدام‌ها
city-only-note = این گروه فقط شهر را نشان می‌دهد. برای محل دیدار با آن‌ها تماس بگیرید.

## Register form (also used by the edit page)

register-title = ثبت یک اقدام
register-intro = نیازی به حساب کاربری نیست. یک پیوند خصوصی برای ویرایش یا لغو اقدام خود دریافت می‌کنید.
f-title = عنوان
f-kind = نوع اقدام
f-description = شرح
f-organiser = برگزارکننده (نام گروه)
f-contact-email = ایمیل شما (خصوصی)
h-contact-email = فقط برگزارکنندگان کارزار آن را می‌بینند، نه عموم.
f-public-contact = راه تماس عمومی (اختیاری)
h-public-contact = برای همه نمایش داده می‌شود: ایمیل، وب‌سایت یا شبکهٔ اجتماعی.
f-city = شهر
h-city = شروع به نوشتن کنید و شهر را از فهرست برگزینید.
f-address = محل دیدار (نشانی یا مکان شناخته‌شده)
f-pin = محل دیدار روی نقشه
h-pin = سنجاق را بکشید یا روی نقشه کلیک کنید تا محل دقیق دیدار را نشان دهید.
f-date = تاریخ
f-start = ساعت آغاز
f-end = ساعت پایان (اختیاری)
f-links = پیوندها (اختیاری)
h-links = در هر خط یک نشانی وب.
f-language = زبان اقدام
f-visibility = چه کسی محل دیدار را ببیند؟
visibility-exact = همه: محل دقیق دیدار نمایش داده شود
visibility-city = فقط شهر: محل دقیق فقط برای برگزارکنندگان
submit-register = ثبت اقدام
sending = در حال ارسال…
fix-errors = برخی از خانه‌ها نیاز به اصلاح دارند.
registered-title = اقدام شما ثبت شد
pending-note = پس از بررسی برگزارکنندگان در فهرست نمایش داده می‌شود.
edit-link-label = پیوند خصوصی ویرایش شما
keep-warning = این پیوند را امن و خصوصی نگه دارید. هر کس آن را داشته باشد می‌تواند اقدام شما را تغییر دهد، لغو کند یا پس بگیرد و فقط همین یک بار نمایش داده می‌شود.
copy = رونوشت
view-action = دیدن اقدام شما

## Edit page: changes, new link, cancelling, withdrawing

edit-title = ویرایش اقدام شما
save = ذخیرهٔ تغییرات
saved = تغییرات شما ذخیره شد.
cancel-action = لغو این اقدام
confirm-cancel = این اقدام لغو شود؟ در فهرست می‌ماند و «لغو شده» نشان داده می‌شود.
cancelled-done = این اقدام لغو شده است.
stale = کس دیگری پس از باز کردن این صفحه اقدام را تغییر داده است. نسخهٔ کنونی را بارگذاری کنید و تغییرات خود را دوباره انجام دهید.
load-current = بارگذاری نسخهٔ کنونی
no-token = این صفحه به پیوند خصوصی ویرایش نیاز دارد که هنگام ثبت اقدام دریافت کردید.
token-hidden = برای امنیت شما، پیوند خصوصی از نوار نشانی و از تاریخچهٔ این مرورگر پاک شد. نسخهٔ خود را نگه دارید: برای بازگشت به اینجا به آن نیاز دارید.
link-invalid = این پیوند ویرایش کار نمی‌کند. شاید پیوند تازه‌ای جای آن را گرفته یا اقدام پس گرفته شده باشد.
cancelled-can-hide = در فهرست می‌ماند، با خط خوردگی. هنوز می‌توانید آن را تغییر دهید، برای نمونه برای پنهان کردن محل دیدار: «فقط شهر» را برگزینید، محل دیدار را پاک کنید و ذخیره کنید.
manage-heading = پیوند شما، لغو و پس گرفتن
new-link-heading = گرفتن پیوند ویرایش تازه
new-link-explain = اگر ممکن است کسی گوشی شما یا این پیوند را دیده باشد، از این گزینه استفاده کنید. پیوند تازه‌ای می‌گیرید که فقط یک بار نمایش داده می‌شود؛ پیوند قبلی بی‌درنگ از کار می‌افتد.
new-link-button = گرفتن پیوند ویرایش تازه
new-link-done = این پیوند ویرایش تازهٔ شماست. پیوند قبلی دیگر کار نمی‌کند.
cancel-heading = لغو اقدام
cancel-explain = با لغو، اقدام همچنان دیده می‌شود، خط‌خورده و با نشان «لغو شده»، تا کسی برای اقدامی که برگزار نمی‌شود راهی نشود.
withdraw-heading = پس گرفتن اقدام
withdraw-explain = با پس گرفتن، اقدام بی‌درنگ از نقشه، فهرست‌ها، شمارش‌ها و خوراک‌ها حذف می‌شود و محل دیدار و اطلاعات تماس شما پاک می‌شود. این کار بازگشت‌پذیر نیست.
withdraw-action = پس گرفتن این اقدام
confirm-withdraw = این اقدام پس گرفته شود؟ از همه جا ناپدید می‌شود و اطلاعات خصوصی آن پاک می‌شود. این کار بازگشت‌پذیر نیست.
withdrawn-done = اقدام شما پس گرفته شد.
withdrawn-note = دیگر در هیچ جا نمایش داده نمی‌شود، محل دیدار و اطلاعات تماس شما پاک شده و پیوند ویرایش دیگر کار نمی‌کند.

## Embedding the map

embed-title = این نقشه را در وب‌سایت خود بگذارید
embed-hint = این کد را در صفحهٔ خود بگذارید:

## عددها. $count یک عدد است: با ارقام فارسی نوشته می‌شود. در فارسی اسم پس از
## عدد مفرد می‌ماند، پس این پیام‌ها گونهٔ جمع ندارند.

# واژهٔ پس از شمارنده‌های صفحهٔ نخست (عدد پیش از آن نمایش داده می‌شود).
counter-actions = اقدام
counter-cities = شهر
counter-countries = کشور
counter-organisations = سازمان
# دکمهٔ زیر نخستین اقدام‌های یک کشور؛ $count شمار همهٔ اقدام‌های آن است.
show-all = نمایش همهٔ { $count } مورد
shown-count = { $count } مورد نمایش داده شده
# نام دسترس‌پذیر گروهی از سنجاق‌ها روی نقشه.
map-cluster = { $count } اقدام، برای دیدن بزرگ‌نمایی کنید
distance-km = { $km } کیلومتر
zone-note = به وقت محلی { $zone }

## خطاهای خانه‌ها که سرور می‌فرستد (shared::FieldError)، زیر هر خانه.

field-error-required = پر کردن این خانه لازم است.
field-error-required-one-of = یکی از این‌ها را برگزینید: { $allowed }.
field-error-required-with = این خانه همراه با «{ $other }» لازم است.
field-error-contact-required = ایمیل شما لازم است. فقط برگزارکنندگان کارزار آن را می‌بینند، نه عموم.
field-error-city-required = یک شهر برگزینید.
field-error-country-required-with-city = شهر را از فهرست پیشنهادها برگزینید تا کشور آن معلوم باشد.
field-error-start-required = تاریخ و ساعت آغاز را به وقت محلی بنویسید، برای نمونه { $example }.
field-error-search-required = آغاز نام یک شهر را به هر زبانی بنویسید.
field-error-too-long = حداکثر { $max } نویسه.
field-error-required-at-most = پر کردن این خانه لازم است، حداکثر { $max } نویسه.
field-error-too-many-links = حداکثر { $max } پیوند.
field-error-not-one-of = «{ $value }» جزو گزینه‌ها نیست: { $allowed }.
field-error-only-value = تنها مقدار پذیرفته «{ $value }» است.
field-error-whole-number-range = یک عدد صحیح از { $min } تا { $max } بنویسید.
field-error-positive-whole-number = یک عدد صحیح مثبت بنویسید.
field-error-number-range = عددی میان { $min } و { $max } بنویسید.
field-error-distance-range = فاصله‌ای به کیلومتر، بیشتر از ۰ و حداکثر { $max } بنویسید.
field-error-invalid-email = یک نشانی ایمیل مانند { $example } بنویسید.
field-error-invalid-country-code = کد دوحرفی کشور را مانند { $example } بنویسید.
field-error-invalid-language-tag = برچسب زبان را مانند en، fa یا pt-BR بنویسید.
field-error-invalid-time-zone = نام منطقهٔ زمانی را مانند { $example } بنویسید.
field-error-invalid-date = تاریخ را مانند { $example } بنویسید.
field-error-invalid-date-time = تاریخ و ساعت محلی را مانند { $example } بنویسید.
field-error-year-out-of-range = تاریخی میان سال‌های { $first } و { $last } بنویسید.
field-error-invalid-slug = از ۱ تا { $max } حرف کوچک لاتین، رقم و خط تیره (نه در آغاز و پایان) به کار ببرید.
field-error-invalid-point = نقطه را به صورت latitude,longitude به درجه بنویسید، برای نمونه { $example }.
field-error-invalid-bbox = محدوده را به صورت minLon,minLat,maxLon,maxLat به درجه بنویسید، با minLat نه بیشتر از maxLat.
field-error-needs-near = برای این کار نقطه‌ای لازم است که پیرامون آن جستجو شود (near).
field-error-invalid-cursor = فهرست از زمان این صفحه تغییر کرده است. از صفحهٔ نخست دوباره آغاز کنید.
field-error-invalid-version = نسخهٔ اقدام را در گیومه بنویسید، برای نمونه { $example }.
field-error-control-character = نویسه‌های کنترلی را از این متن پاک کنید.
field-error-invisible-character = نویسهٔ نامرئی یا تغییردهندهٔ جهت ({ $character }) را از این متن پاک کنید.
field-error-stray-joiner = اتصال‌دهندهٔ بی‌پهنا ({ $character }) فقط میان دو حرف می‌تواند بیاید.
# { "\u200E" } (left-to-right mark) keeps "://" after "http" in right-to-left text.
field-error-bad-link = هر پیوند باید یک نشانی وب باشد که با http://{ "\u200E" } یا https://{ "\u200E" } آغاز شود و حداکثر { $max } نویسه داشته باشد.
field-error-link-with-credentials = پیوند نباید پیش از نام میزبان، نام کاربری یا گذرواژه داشته باشد (user@host).
field-error-length-between = بین { $min } تا { $max } نویسه بنویسید.
field-error-unknown-campaign = هیچ کارزاری نام «{ $slug }» را ندارد.
field-error-unknown-place = این مکان شناخته نیست. شهری را از فهرست پیشنهادها برگزینید.
field-error-city-not-found = این شهر پیدا نشد. شهری را از فهرست پیشنهادها برگزینید.
field-error-no-listed-city-near = برای نمایش فقط شهر، باید شهری شناخته‌شده از { $country } در فاصلهٔ { $km } کیلومتری محل دیدار باشد. شهری را از فهرست پیشنهادها برگزینید یا محل دیدار را نمایش دهید.
field-error-wrong-country = { $city } در { $country } است، نه در { $given }.
field-error-too-far-from-city = محل دیدار { $km } کیلومتر با { $city } فاصله دارد. سنجاق را نزدیک‌تر ببرید یا شهر دیگری برگزینید.
field-error-city-time-zone = اقدامی که فقط شهر خود را نشان می‌دهد، منطقهٔ زمانی همان شهر ({ $zone }) را به کار می‌برد.
field-error-time-zone-unknown = منطقهٔ زمانی را نمی‌توان از این نقطه یافت. آن را بنویسید، برای نمونه { $example }.
field-error-in-dst-gap = ساعت { $local } در { $zone } وجود ندارد: ساعت‌ها از { $from } به { $to } جلو کشیده می‌شوند (از UTC{ $offset_before } به UTC{ $offset_after }). زمانی بیرون از این فاصله برگزینید.
field-error-offset-not-in-force = اختلاف ساعت { $given } در { $zone } در زمان { $local } برقرار نیست؛ اختلاف درست { $valid } است.
field-error-outside-campaign = { $days ->
    [one] اقدام باید در روز اقدام کارزار، { $first }، باشد (تاریخ محلی در { $zone })؛ { $date } نیست.
   *[several] اقدام باید در یکی از روزهای اقدام کارزار، از { $first } تا { $last }، باشد (تاریخ محلی در { $zone })؛ { $date } نیست.
}
field-error-not-after = باید پس از «{ $other }» باشد.
field-error-before = نباید پیش از «{ $other }» باشد.
field-error-too-long-action = یک اقدام حداکثر { $max_hours } ساعت می‌تواند طول بکشد.
field-error-too-long-campaign = یک کارزار حداکثر { $max_days } روز طول می‌کشد.
field-error-unknown-field = درخواست خانه‌ای ناشناخته دارد: { $detail }
field-error-wrong-type = شکل این مقدار درست نیست: { $detail }
field-error-unknown = این مقدار معتبر نیست.

## سازمان‌دهندگان: ورود، پیمایش، کارزارها

nav-organise = برای سازمان‌دهندگان
o-login-title = ورود سازمان‌دهندگان
o-login = ورود
o-email = ایمیل
o-password = گذرواژه
o-login-wrong = این ایمیل و گذرواژه با هیچ حسابی جور نیست.
o-login-too-many = تلاش‌های زیادی شده است. چند دقیقه صبر کنید و دوباره امتحان کنید.
o-nav-label = سازمان‌دهندگان
o-campaign-nav = این کارزار
o-campaigns = کارزارها
o-new-campaign = کارزار تازه
o-team = گروه
o-audit = گزارش رویدادها
o-outbox = صندوق خروجی
o-logged-in-as = واردشده با
o-logout = خروج
o-admins-only = تنها مدیران می‌توانند این صفحه را باز کنند.
o-forbidden = شما اجازهٔ دیدن یا تغییر این را ندارید.
o-no-campaigns = هنوز کارزاری برای بازبینی ندارید. یک مدیر می‌تواند کارزاری به شما بدهد.
o-dashboard = داشبورد
o-queue = صف بازبینی
o-endorsements = حمایت‌ها
o-settings = تنظیمات
o-public-page = صفحهٔ عمومی

## ویرایشگر کارزار

c-slug = نام در نشانی (slug)
h-slug = حروف کوچک لاتین، رقم و خط تیره؛ بخشی از نشانی کارزار است و بعداً تغییر نمی‌کند.
c-title = عنوان
c-summary = خلاصه
c-cta = فراخوان
c-starts-on = نخستین روز اقدام
c-ends-on = آخرین روز اقدام
c-moderation = بازبینی
c-publish-at-once = اقدام‌های تازه بی‌درنگ منتشر شوند
c-review-first = اقدام‌های تازه نخست بازبینی شوند
c-public-contact = راه تماس عمومی
h-campaign-contact = یک ایمیل یا نشانی وب که در صفحهٔ کارزار نمایش داده می‌شود.
c-max-pending = بیشترین شمار ارسال‌های در انتظار بازبینی از یک بازدیدکننده در هر ساعت
h-max-pending = ۰ یعنی بدون محدودیت. جلوی پر شدن صف به دست یک کاربر را می‌گیرد.
c-archived = بایگانی‌شده
h-archived = کارزار بایگانی‌شده خواندنی می‌ماند، اما اقدام یا حمایت تازه نمی‌پذیرد و در فهرست نمی‌آید.
c-create = ساختن کارزار
c-created = کارزار ساخته شد.

## داشبورد

d-counts = شمارش‌ها
d-published = منتشرشده
d-pending = در انتظار بازبینی
d-changed = تغییرکرده پس از تأیید
d-rejected = ردشده
d-cancelled = لغوشده
d-withdrawn = پس‌گرفته‌شده
d-cities = شهرها (شمار عمومی)
d-countries = کشورها (شمار عمومی)
d-organisations = سازمان‌های حامی
d-queue = در صف
d-pending-endorsements = حمایت‌های در انتظار بازبینی
d-map = نقشه بر پایهٔ وضعیت
d-map-label = نقشهٔ همهٔ اقدام‌های کارزار، رنگ‌شده بر پایهٔ وضعیت. جدول کشورها اقدام‌های منتشرشده را می‌دهد.
d-legend = رنگ‌های نقشه
d-by-country = اقدام‌های منتشرشده بر پایهٔ کشور و شهر
d-exports = خروجی‌ها
d-export-csv = CSV با ستون‌های خصوصی (تماس، نقطهٔ دقیق، نشانی)
d-export-geojson = GeoJSON
d-export-atom = خوراک Atom اقدام‌های تازه
d-export-ics = تقویم (.ics)
wave-title = موج: اقدام‌ها بر پایهٔ ساعت آغاز (UTC)
wave-empty = هنوز هیچ اقدامی منتشر نشده است.
wave-table = موج به شکل جدول
wave-hour = ساعت (UTC)
wave-peak = پرکارترین ساعت: { $hour } UTC، با { $count } اقدام.

## وضعیت‌ها

st-pending = در انتظار
st-published = منتشرشده
st-rejected = ردشده
st-cancelled = لغوشده
st-withdrawn = پس‌گرفته‌شده

## صف بازبینی

q-keys = کلیدها: j و k میان اقدام‌ها جابه‌جا می‌شوند، x انتخاب می‌کند، a تأیید می‌کند، r به دلیل رد می‌رود، s هرزنامه علامت می‌زند.
q-filters = پالایش صف
q-status = نمایش
q-status-queue = برای بازبینی (تازه و تغییرکرده)
q-status-spam = هرزنامه
q-country = کد کشور
q-bulk = اقدام‌های انتخاب‌شده
q-select = انتخاب
q-select-all = انتخاب همه
q-select-none = برداشتن انتخاب
q-reason = دلیل (برای گروه فرستاده می‌شود)
q-refused = برخی اقدام‌ها تغییر نکردند:
q-empty = چیزی نیست. صف خالی است.
q-new = تازه
q-changed = تغییرکرده پس از تأیید
q-private-contact = تماس خصوصی
q-submitted = فرستاده‌شده
q-changes = تغییرها پس از تأیید
q-field = خانه
q-approved-value = هنگام تأیید
q-now-value = اکنون
q-duplicates = شاید تکراری:
q-trust = به این گروه اعتماد کن (اقدام‌های بعدی‌اش بی‌درنگ منتشر می‌شوند)
q-approve = تأیید
q-reject = رد
q-spam = هرزنامه
q-accept = پذیرفتن تغییرها
q-revert = بازگرداندن به حالت تأییدشده
q-unpublish = برداشتن از سایت
q-see-page = صفحهٔ عمومی
decided = { $decision }: { $title }. انجام شد.
decision-failed = برای { $title } انجام نشد: { $message }
bulk-done = { $decision }: { $done } انجام شد، { $refused } پذیرفته نشد.
queue-total = { $count } اقدام
selected-count = { $count } انتخاب‌شده

## حمایت‌ها

e-pending = در انتظار تأیید
e-none-pending = هیچ حمایتی در انتظار نیست.
e-import = درون‌ریزی یک فهرست
e-import-hint = CSV با یک ردیف سرستون: name,name_alt,city,country_code,website. حمایت‌های درون‌ریزی‌شده بی‌درنگ تأیید می‌شوند.
e-import-file = پروندهٔ CSV
e-import-text = …یا CSV را اینجا بچسبانید
e-import-button = درون‌ریزی
imported = { $imported } حمایت درون‌ریزی شد، { $refused } سطر پذیرفته نشد.
n-title = امضای فراخوان
n-intro = سازمان شما می‌تواند فراخوان این کارزار را امضا کند. سازمان‌دهندگان هر امضا را پیش از نمایش بررسی می‌کنند.
n-name = نام سازمان
n-name-alt = نام به خطی دیگر (اختیاری)
h-name-alt = برای نمونه نام فارسی در کنار نام انگلیسی.
h-endorser-city = شهری که سازمان شما در آن است؛ کشور را هم مشخص می‌کند.
n-website = وب‌سایت (اختیاری)
h-endorser-email = تنها سازمان‌دهندگان آن را می‌بینند، برای بررسی امضا.
n-submit = امضای فراخوان
n-thanks = از امضای شما سپاسگزاریم.
n-review-note = سازمان‌دهندگان امضای شما را بررسی می‌کنند؛ پس از تأیید در فهرست می‌آید.
n-see-list = ببینید چه کسانی امضا کرده‌اند
n-list-title = سازمان‌هایی که فراخوان را امضا کرده‌اند
n-sign = امضای فراخوان
no-endorsements = هنوز هیچ سازمانی امضا نکرده است.
no-country = بدون کشور
endorsement-count = { $count } سازمان امضا کرده است.

## گروه و دعوت‌نامه‌ها

t-role = نقش
t-admin = مدیر
t-moderator = بازبین
t-scopes = کارزارها (و کشورها)
h-scopes = نام کارزارها، هر یک در صورت نیاز با کد کشورها: day-2026:DE,AT; other-day
t-state = حساب
t-active = فعال
t-disabled = غیرفعال
t-enable = فعال کردن
t-disable = غیرفعال کردن
t-actions = کارها
t-invite = دعوت از یک سازمان‌دهنده
t-invite-button = ساختن پیوند دعوت
t-invite-link = پیوند دعوت یک‌بارمصرف
t-invite-once = این پیوند را به‌طور خصوصی به سازمان‌دهندهٔ تازه بدهید. یک بار و تا ۷ روز کار می‌کند و تنها همین حالا نمایش داده می‌شود.
i-title = پیوستن به سازمان‌دهندگان
i-intro = برای پایان ساختن حسابتان گذرواژه‌ای برگزینید.
i-password-hint = دست‌کم ۱۲ نویسه.
i-submit = ساختن حساب من
i-invalid = این پیوند دعوت معتبر نیست، پیش‌تر به کار رفته یا منقضی شده است. از یک مدیر پیوند تازه بخواهید.

## گزارش رویدادها و صندوق خروجی

a-when = زمان
a-who = چه کسی
a-action = کار
a-campaign = کارزار
a-event = شمارهٔ اقدام
a-detail = جزئیات
a-empty = هنوز چیزی ثبت نشده است.
a-older = نمایش موارد قدیمی‌تر
x-intro = پیام‌ها به گروه‌ها و سازمان‌دهندگان. بدون سرور ایمیل، همین‌جا فرستاده‌نشده می‌مانند.
x-empty = هنوز پیامی نیست.
x-to = به
x-subject = موضوع
x-body = پیام
x-created = ساخته‌شده
x-state = فرستاده‌شده
x-sent = فرستاده شد
