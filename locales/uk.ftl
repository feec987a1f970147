## Viche — українська. Кожен рядок, який бачить мешканець або організатор.
## Ключі в kebab-case; розділи за функціями. Аргументи: { $name }.

## Навігація

nav-back = ⬅ Назад
nav-cancel = ✖ Скасувати
nav-menu = 🏠 Головне меню
nav-resume = ▶️ Продовжити
button-share-phone = 📱 Поділитися номером
button-share-location = 📍 Надіслати місце на карті
button-send = ✅ Надіслати
button-edit = ✏️ Змінити
button-continue = ➡ Далі
button-skip = ➡ Пропустити
button-done = ✔️ Готово
button-reply = ↩️ Відповісти
button-forget = 🗑 Видалити мої дані

## Головне меню

menu-programme = 📖 Програма
menu-question = ❓ Запитати
menu-complaint = 📝 Проблема
menu-volunteer = 🙋 Волонтерство
menu-reports = 📋 Мої звернення
menu-language = 🌐 Мова / Language
menu-text = Оберіть, що вас цікавить:
resume-complaint = ▶️ Продовжити скаргу
resume-volunteer = ▶️ Продовжити анкету волонтера
resume-question = ▶️ Продовжити питання
flow-paused-reminder = ⏸ Вашу анкету відкладено, нічого не загубилося. Щоб продовжити, натисніть «{ $resume }».

# Слова, які можна набрати замість кнопки (через кому).
words-menu = меню, головне меню, початок, старт
words-programme = програма, програму, програма партії
words-complaint = скарга, скаргу, проблема, поскаржитися
words-volunteer = волонтер, волонтерство, допомогти, стати волонтером
words-question = питання, запитати, запитання
words-cancel = скасувати, відміна, стоп
words-help = допомога, довідка
words-yes = так, да, ага, угу, звісно, згоден, згодна, добре, yes
words-no = ні, нет, не, no

## Вітання і довідка

welcome-new = Вітаємо! Ви на зв'язку з нами.
    Тут можна прочитати нашу програму, поставити питання, повідомити про проблему у вашому селі чи місті або стати волонтером.
    Натискайте кнопки нижче.
welcome-back = З поверненням! Оберіть, що вас цікавить:
help-title = Як користуватися ботом
help-text = Натискайте кнопки — друкувати майже нічого не треба.
    📖 Програма — читати програму по розділах.
    ❓ Запитати — напишіть питання своїми словами.
    📝 Проблема — повідомити про дорогу, тарифи, ФАП, школу тощо.
    🙋 Волонтерство — долучитися до команди.
    📋 Мої звернення — дізнатися, що з вашим зверненням.
    /cancel — скасувати, /mydata — мої дані, /forget — видалити мої дані.
    { $contacts }
unknown-command = Не знаю такої команди. Оберіть дію кнопкою:
cancel-nothing = Зараз нема чого скасовувати.
cancelled = Скасовано. Нічого не надіслано.
button-expired = Ця кнопка вже не діє. Оберіть дію з меню:

## Мова

language-choose = Оберіть мову / Choose your language:
language-set = Готово, далі говоримо українською.

## Програма

programme-choose-section = Оберіть розділ:
programme-section-count = { $count ->
        [one] У розділі { $count } пункт:
        [few] У розділі { $count } пункти:
       *[many] У розділі { $count } пунктів:
    }
programme-next-section = Наступний розділ ➡
programme-all-sections = 📚 Усі розділи
programme-back-to-section = ⬅ До розділу
programme-next-item = Наступний ➡
programme-ask-question = ❓ Запитати

## Відповіді на питання

answer-ask-person = 🙋 Запитати людину
answer-send-to-organisers = 📨 Так, передати організаторам
answer-from-organisers = Відповідь організаторів
answer-none = У програмі немає відповіді на це питання. Передати його організаторам? Вам відповість людина.
answer-related = Схожі пункти програми — нижче. Якщо це не те, запитайте людину.
answer-footer = Якщо це не те, запитайте людину.

## Введення

input-use-buttons = Будь ласка, оберіть кнопку нижче.
input-need-text = Будь ласка, напишіть відповідь текстом.
input-too-short = Занадто коротко: напишіть хоча б { $min ->
        [one] { $min } символ
        [few] { $min } символи
       *[many] { $min } символів
    }.
input-too-long = Занадто довго ({ $length ->
        [one] { $length } символ
        [few] { $length } символи
       *[many] { $length } символів
    }). Скоротіть до { $max } і надішліть ще раз.
flow-old-button = Ця кнопка з попереднього кроку.
summary-use-buttons = Перевірте і натисніть «Надіслати» або «Змінити».
discard-confirm = Скасувати й видалити все, що ви заповнили? Організатори нічого не отримають.
button-discard-yes = 🗑 Так, видалити
button-discard-no = ↩️ Ні, повернутися
edit-which = Що змінити?
unsupported-input = Я не вмію читати { $what }. Напишіть текстом або натисніть кнопку.
unsupported-sticker = стікери
unsupported-voice = голосові повідомлення
unsupported-video = відео
unsupported-document = файли
unsupported-audio = аудіо
unsupported-animation = анімації
unsupported-poll = опитування
unsupported-edit = виправлені повідомлення (надішліть виправлений текст новим повідомленням)
unsupported-too-big = такі великі фото (до 10 МБ)
unsupported-other = такі повідомлення
not-in-flow = Дякую! Щоб надіслати { $what } організаторам, почніть зі «📝 Проблема».
input-kind-contact = номер телефону
input-kind-location = місце на карті
input-kind-photo = фото
settlement-need-text = Напишіть назву села, міста або громади.
settlement-invalid = Не розібрав назву. Напишіть лише назву населеного пункту, наприклад: Коростишів.
place-confirm-one = Це { $place }?
place-choose-several = Є кілька населених пунктів «{ $typed }». Оберіть свій:
place-not-found = Не знайшли «{ $typed }» серед населених пунктів області. Напишіть назву ще раз (можна разом із громадою) або залиште, як написали.
place-option = { $name } — { $hromada } громада
button-place-yes = ✅ Так, це воно
button-place-keep = ✍️ Залишити «{ $typed }»
phone-invalid = Це не схоже на номер телефону. Натисніть «📱 Поділитися номером» або напишіть номер, наприклад: 067 123 45 67.
phone-not-own = Це чужий контакт. Натисніть «📱 Поділитися номером», щоб надіслати свій.

## Скарга

complaint-ask-category = Про яку проблему хочете повідомити?
complaint-ask-settlement = У якому селі, місті чи громаді? Напишіть назву.
complaint-ask-description = Опишіть проблему кількома реченнями. Можна надіслати фото з підписом.
complaint-need-description = Опишіть проблему текстом (або надішліть фото з підписом).
complaint-need-words = Опишіть проблему словами: що сталося і де. Наприклад: «Яма на дорозі біля школи».
complaint-photo-need-text = Фото отримали. Тепер опишіть проблему словами.
complaint-ask-attachments = Можете додати фото або місце на карті. Коли досить — натисніть «Далі».
complaint-attached = Додано: { $what }.
complaint-photos-count = { $count ->
    [one] { $count } фото
   *[other] { $count } фото
    }
complaint-location-added = місце на карті
complaint-photo-received = Фото додано.
complaint-location-received = Місце додано.
complaint-photo-limit = Можна додати не більше { $max } фото.
complaint-attachments-hint = Надішліть фото, місце на карті або натисніть «Далі».
complaint-ask-contact = Як з вами зв'язатися? Можна поділитися номером, написати його або залишитися анонімним.
button-use-saved-phone = 📱 Мій номер { $phone }
button-anonymous = 🕶 Анонімно
consent-complaint = Чи погоджуєтеся ви, щоб організація зберігала ваш номер телефону лише для відповіді на це звернення? Видалити дані можна будь-коли командою /forget.
button-consent-yes = ✅ Так, погоджуюся
button-consent-no-anonymous = 🕶 Ні, надіслати анонімно
complaint-edit-category = Тема
complaint-edit-settlement = Населений пункт
complaint-edit-description = Опис
complaint-edit-contact = Контакт

## Волонтер

volunteer-ask-name = Як до вас звертатися? Напишіть ім'я та прізвище.
volunteer-name-invalid = Напишіть ім'я літерами, наприклад: Ольга Петренко.
volunteer-ask-phone = Ваш номер телефону? Натисніть «📱 Поділитися номером» або напишіть його.
volunteer-ask-settlement = З якого ви села, міста чи громади?
volunteer-ask-ways = Чим можете допомогти? Позначте все, що підходить, і натисніть «Готово».
volunteer-ways-use-buttons = Позначте варіанти кнопками і натисніть «Готово».
volunteer-ways-pick-one = Позначте хоча б один варіант.
volunteer-ask-availability = Коли вам зручно?
consent-volunteer = Чи погоджуєтеся ви, щоб організація зберігала ваше ім'я, телефон і населений пункт, щоб зв'язатися щодо волонтерства? Видалити дані можна будь-коли командою /forget.
button-consent-no = ✖ Ні
volunteer-consent-required = Без згоди ми не можемо записати вас волонтером. Натисніть «Так» або «Скасувати».
volunteer-edit-name = Ім'я
volunteer-edit-phone = Телефон
volunteer-edit-settlement = Населений пункт
volunteer-edit-ways = Чим допомогти
volunteer-edit-availability = Коли зручно

## Питання організаторам

question-ask = Напишіть своє питання. Його прочитає людина з нашої команди.
question-edit-text = Питання

## Підсумок перед надсиланням

summary-title = Перевірте, будь ласка
summary-category = Тема: { $value }
summary-settlement = Населений пункт: { $value }
summary-description = Опис: { $value }
summary-attachments = Додано: { $value }
summary-contact = Контакт: { $value }
summary-anonymous = анонімно
summary-name = Ім'я: { $value }
summary-phone = Телефон: { $value }
summary-ways = Допомога: { $value }
summary-availability = Коли зручно: { $value }
summary-question = Питання: { $value }

## Після надсилання

sent-title = Надіслано: { $ref }
sent-complaint = Дякуємо! Номер вашого звернення { $ref }. Організатори його вже бачать. Коли щось зміниться, ми напишемо сюди.
sent-volunteer = Дякуємо, що долучаєтеся! Номер анкети { $ref }. Координатор зв'яжеться з вами.
sent-volunteer-updated = Ваша анкета { $ref } оновлена. Дякуємо!
limit-reached-day = ⏸ Звернення ще не надіслано, але воно збережене: за останні 24 години ви вже надіслали { $count } — це межа. Завтра натисніть «{ $resume }», а тоді «{ $send }». Або додайте це до одного з ваших звернень: «{ $reply }» під нашим повідомленням про нього (див. /status).
limit-reached-open = ⏸ Звернення ще не надіслано, але воно збережене: у вас уже { $count } відкритих звернень — це межа. Коли організатори закриють одне, натисніть «{ $resume }», а тоді «{ $send }». Або додайте це до одного з відкритих (див. /status).
sent-question = Питання { $ref } передано. Відповідь прийде сюди.

## Відповіді організаторів і статуси

relay-title = Відповідь щодо { $ref }
reply-ask = Напишіть відповідь щодо { $ref }:
reply-sent = Вашу відповідь щодо { $ref } передано.
reply-unknown-ref = Не знайшов звернення { $ref }.
status-notice-title = Звернення { $ref }
status-notice-new = Звернення { $ref } отримане.
status-notice-in_progress = Ми взялися за ваше звернення { $ref }. Повідомимо, коли буде результат.
status-notice-resolved = Звернення { $ref } вирішено. Дякуємо, що повідомили! Якщо проблема лишилася — натисніть «Відповісти».
status-notice-rejected = На жаль, ми не можемо допомогти зі зверненням { $ref }. Причина: { $reason }
status-title = Звернення { $ref }
status-list-title = Ваші звернення
status-line = { $ref } · { $kind } · { $status }
status-comment = Коментар: { $comment }
status-filed = Подано: { $date }
status-history = Історія: { $history }
status-last-answer = Відповідь організаторів: { $answer }
status-none = У вас ще немає звернень.
status-bad-ref = Номер звернення має вигляд C-1042. Або натисніть «📋 Мої звернення».
status-not-yours = Не знайшов серед ваших звернень { $ref }.
status-joined-public = Ви приєдналися до цього звернення: { $category }, { $place }; стосується мешканців: { $count }.
kind-complaint = скарга
kind-volunteer = анкета волонтера
kind-question = питання
status-new = нове
status-in_progress = у роботі
status-resolved = вирішено
status-rejected = відхилено
status-answered = є відповідь

## Мої дані

mydata-title = Що ми про вас зберігаємо
mydata-messenger = Месенджер: { $channel } (id { $id })
mydata-language = Мова: { $language }
mydata-name = Ім'я: { $value }
mydata-phone = Телефон: { $value }
mydata-settlement = Населений пункт: { $value }
mydata-source = Звідки прийшли: { $value }
mydata-reports = Звернення: { $value }
mydata-none = —
mydata-footer = Видалити все це: /forget
forget-confirm = Видалити ваше ім'я, телефон, населений пункт і незавершені чернетки? Надіслані звернення залишаться, але без ваших контактів.
button-forget-yes = 🗑 Так, видалити
button-forget-no = ✖ Ні, залишити
forget-kept = Добре, нічого не видаляли.
forget-done = Готово: ваші особисті дані видалено.

## Картки в групі організаторів

card-category = Тема
card-settlement = Населений пункт
place-label = { $name } ({ $hromada } громада, { $raion } район)
place-in-hromada = { $name } ({ $hromada } громада)
place-hromada = { $hromada } громада ({ $raion } район)
place-raion = { $raion } район
place-unlisted = не зі списку
card-text = Текст
card-question = Питання
card-name = Ім'я
card-phone = Телефон
card-ways = Допомога
card-availability = Коли зручно
card-contact = Контакт
card-anonymous = анонімно
card-forgotten-short = видалено
card-photos = Фото
card-location = Місце
card-messenger = Месенджер
card-source = Джерело
card-time = Час
card-updated = Анкету оновлено ({ $count })
card-comment = Коментар: { $comment }
card-forgotten = 🔒 Особисті дані видалено на прохання мешканця.
card-attachment-removed = 🔒 Видалено на прохання мешканця (особисті дані видалено). Видаліть це повідомлення вручну.
card-button-in_progress = 🔧 В роботу
card-button-resolved = ✅ Вирішено
card-button-rejected = ❌ Відхилити
card-button-reopen = ↩️ Відкрити знову
card-replies = Відповіді отримує
card-replies-author = лише автор
card-replies-all = усі { $count } мешканців
card-button-reply-all = 📣 Відповідати всім { $count }
card-button-reply-author = 👤 Відповідати лише автору
card-reply-hint = Щоб відповісти мешканцю, дайте відповідь (Reply) на цю картку.
card-photo-refused = 📷 Фото не вдалося показати: Telegram його не прийняв. Воно в /failed.

## Група організаторів

group-resident-replied = 💬 Мешканець відповів щодо { $ref }:
    { $text }
group-relayed = ✉️ Надіслано мешканцю ({ $ref }).
group-relayed-all = ✉️ Надіслано всім { $count } мешканцям ({ $ref }).
group-replies-now-all = Відповіді на { $ref } тепер отримують усі { $count } мешканців.
group-replies-now-author = Відповіді на { $ref } тепер отримує лише автор.
group-follower-replied = 💬 Відповів мешканець, що приєднався до { $ref } (не автор):
    { $text }
group-undeliverable-blocked = ⚠️ Не вдалося доставити мешканцю ({ $ref }): він заблокував бота або відписався.
group-undeliverable-not-subscribed = ⚠️ Не вдалося доставити у Viber ({ $ref }): мешканець не підписаний на бота.
group-undeliverable-too-many = ⚠️ Viber відмовив ({ $ref }): забагато повідомлень без відповіді мешканця. Спробуйте пізніше.
group-undeliverable-chat-not-found = ⚠️ Не вдалося доставити ({ $ref }): чат не знайдено.
group-undeliverable-rejected = ⚠️ Платформа відхилила повідомлення ({ $ref }).
group-undeliverable-unavailable = ⚠️ Не вдалося доставити ({ $ref }).
group-undeliverable-rate-limited = ⚠️ Не вдалося доставити ({ $ref }): ліміт платформи.
group-ask-reject-reason = Чому відхиляємо { $ref }? Дайте відповідь (Reply) на це повідомлення — причину отримає мешканець.
group-status-changed = { $ref }: { $status }
group-unknown-ref = Звернення { $ref } не знайдено.
group-bad-transition = { $ref } вже має статус «{ $status }» — так змінити не можна.
group-needs-reason = Для відхилення потрібна причина: /status { $ref } rejected причина
group-status-usage = Використання: /status C-1042 in_progress | resolved | rejected причина
group-not-member = Ця дія лише для учасників групи організаторів.
group-reply-not-card = Це не картка звернення: відповідайте (Reply) саме на картку.
group-reply-empty = Відповідь мешканцю має бути текстом.
group-reply-forgotten = { $ref }: мешканець видалив свої дані, тож відповідь до нього вже не дійде.
chatid-answer = Ідентифікатор цього чату: { $id }
    Вкажіть його в ORGANISERS_CHAT_ID, щоб картки приходили сюди.
connect-usage = Щоб під'єднати цю групу, надішліть /connect КОД — код бот показав під час запуску.
connect-only-groups = /connect працює лише в групі організаторів: додайте бота в групу й надішліть команду там.
connect-not-admin = Під'єднати групу може лише її адміністратор. Попросіть адміністратора надіслати /connect КОД.
connect-wrong-code = Код не підходить або вже використаний. Перезапустіть бота, щоб отримати новий код, і надішліть /connect НОВИЙ_КОД.
connect-fixed-by-config = Групу організаторів задано в ORGANISERS_CHAT_ID, тож /connect нічого не змінює. Змініть ORGANISERS_CHAT_ID і перезапустіть бота.
connect-done = ✅ Ця група тепер група організаторів: сюди надходитимуть картки звернень. /help — список команд.
topic-complaint = 📝 Скарги
topic-volunteer = 🙋 Волонтери
topic-question = ❓ Питання

## Меню команд Telegram

command-start = Почати спочатку
command-programme = Програма по розділах
command-question = Поставити питання
command-complaint = Повідомити про проблему
command-volunteer = Стати волонтером
command-status = Мої звернення
command-language = Мова / Language
command-help = Як користуватися
command-mydata = Мої дані
command-forget = Видалити мої дані
command-cancel = Скасувати

## Захист

organisers-only = Ця команда лише для групи організаторів.
flood-slow-down = Ви надсилаєте повідомлення надто часто. Зачекайте хвилину і спробуйте знову.
group-ban-usage = Використання: /ban C-1042 (або /unban C-1042)
group-banned = 🚫 Автора { $who } заблоковано в обох месенджерах. Скасувати: /unban { $who }
group-unbanned = ✅ Автора { $who } розблоковано.
group-ban-unknown = Не знайшов мешканця за «{ $who }».
authority-main-group-only = Ця команда працює лише в головній групі організаторів: сюди приходять тільки звернення, спрямовані в цю групу.
authority-admins-only = Цю команду можуть використовувати лише адміністратори групи (вона стосується особистих даних, усіх мешканців або публіки). Зверніться до адміністратора.
authority-not-routed-here = { $ref } не спрямовано в цю групу: діяти щодо нього може лише головна група організаторів.

## Організаторам: розсилки і відписка (мешканці)

button-opt-out = 🔕 Не надсилати новини
button-opt-in = 🔔 Знову отримувати новини
optout-done = Добре, новин і розсилок більше не надсилатимемо. Відповіді щодо ваших звернень надходитимуть і далі. Передумаєте — натисніть кнопку нижче.
optin-done = Готово, ви знову отримуватимете наші новини.

## Організаторам: «чи справді вирішено?» (мешканці)

followup-title = Звернення { $ref }
followup-question = Нещодавно ми позначили звернення { $ref } як вирішене: «{ $text }». Проблему справді вирішено?
button-followup-yes = ✅ Так, вирішено
button-followup-no = ❌ Ні, проблема лишилася
followup-thanks = Дякуємо, що підтвердили! Звернення { $ref } закрите.
followup-reopened = Дякуємо, що сказали. Ми знову відкрили звернення { $ref } і повернемося з відповіддю.
followup-already-open = Звернення { $ref } вже знову в роботі — організатори про нього знають.
followup-not-asked = Чи вирішено { $ref }, ми питали автора звернення. Якщо проблема для вас лишилася, повідомте через 📝 Проблема.

## Організаторам: приєднатися до наявного звернення (мешканці)

complaint-similar-found = 💡 Схожу проблему тут уже повідомили — звернення { $ref }: { $category }, { $place }, від { $date }, стосується мешканців: { $count }.
    Можна приєднатися до нього: організатори побачать, що проблема стосується більшої кількості людей, а ви дізнаватиметеся про зміни його статусу. Або надішліть окреме звернення кнопкою «Надіслати».
button-join-report = 🤝 Приєднатися до { $ref }
joined-complaint = Ви приєдналися до звернення { $ref }. Організатори бачать, що проблема стосується ще однієї людини. Зміни його статусу і те, що організатори скажуть усім, прийдуть сюди.

## Організаторам: картки і нотатки в групі

card-affected = Стосується
card-affected-count = { $count ->
    [one] { $count } мешканця
   *[other] { $count } мешканців
    }
group-resident-joined = 🤝 До { $ref } приєднався ще один мешканець (разом { $count }):
    { $text }
group-followup-confirmed = ✅ Мешканець підтвердив, що { $ref } справді вирішено.
group-followup-reopened = ↩️ Мешканець каже, що проблема { $ref } не вирішена: звернення знову «у роботі».
group-idle-digest = ⏰ Без дій організаторів понад { $days } дн.: { $count }
    { $list }
idle-line = { $ref } · { $kind } · { $status } · { $days } дн. · { $place }
list-more = …і ще { $count }
group-broadcast-progress = 📣 Розсилка { $id }: { $percent }% — надіслано { $sent } з { $total }.
group-broadcast-done = 📣 Розсилку { $id } завершено. Надіслано: { $sent }. Не доставлено: { $failed }. Відписалися (не надсилали): { $optedOut }.{ $unknown ->
        [0] {""}
       *[other] {" "}Невідомо: { $unknown } (надсилалися, коли бот перезапустився; вдруге не надсилали).
    }

## Організаторам: періоди і тривалість

period-today = сьогодні
period-days = { $days ->
    [one] останній { $days } день
    [few] останні { $days } дні
   *[other] останні { $days } днів
    }
period-all = увесь час
period-today-short = Сьогодні
period-days-short = { $days } дн.
period-all-short = Усе
duration-days-hours = { $days } д { $hours } год
duration-hours-minutes = { $hours } год { $minutes } хв
duration-minutes = { $minutes } хв

## Організаторам: /stats

stats-title = 📊 Статистика: { $period } (з { $from })
stats-kinds = Скарги: { $complaints } · Питання: { $questions } · Анкети волонтерів: { $signups }
stats-status = { $status }: { $count }
stats-line = { $label } — { $count }
stats-none = немає
stats-no-source = без джерела
stats-source-line = { $source } — мешканців: { $residents }, звернень: { $reports }, анкет: { $signups }
stats-first-reply = Медіана до першої відповіді: { $duration } ({ $count } зв.)
stats-first-reply-none = Медіана до першої відповіді: ще не було відповідей
stats-resolution = Медіана до вирішення: { $duration } ({ $count } зв.)
stats-resolution-none = Медіана до вирішення: ще нічого не вирішено
stats-idle-count = Відкритих без дій понад { $days } дн.: { $count }
stats-section-reports = Звернення
stats-section-categories = Скарги за темами
stats-section-settlements = Скарги за населеними пунктами
stats-section-hromadas = Скарги за громадами
stats-section-raions = Скарги за районами
stats-section-speed = Швидкість
stats-section-idle = Зависли
stats-section-signups = Волонтери: { $count }
stats-section-residents = Нові мешканці: { $count }
stats-section-sources = За джерелами (посиланнями)
stats-by-settlement = За населеними пунктами:
stats-button-chart = 📈 Графік за { $weeks } тижнів
stats-chart-title = 📈 Звернення й анкети по тижнях (останні { $weeks }):
stats-chart-line = з { $week }: скарг { $complaints }, питань { $questions }, анкет { $signups }
stats-usage = Використання: /stats [today | 7 | 30 | all] — за сьогодні, за 7 чи 30 днів, за весь час.

## Організаторам: /export

export-usage = Використання: /export [днів | today | all], напр. /export 30
export-caption = 📄 Вивантаження за { $period }: { $rows } рядків. Містить особисті дані — не пересилайте за межі цієї групи.
export-column-ref = Номер
export-column-kind = Вид
export-column-status = Статус
export-column-created = Створено
export-column-category = Тема
export-column-settlement = Населений пункт
export-column-hromada = Громада
export-column-raion = Район
export-column-settlement-code = Код КАТОТТГ
export-column-text = Текст
export-column-name = Ім'я
export-column-phone = Телефон
export-column-ways = Чим допомогти
export-column-availability = Коли зручно
export-column-messenger = Месенджер
export-column-source = Джерело
export-column-affected = Стосується мешканців
export-column-first-reply = Перша відповідь
export-column-resolved = Вирішено
export-column-photos = Фото

## Організаторам: /summary

summary-usage = Використання: /summary [днів | today | all], напр. /summary 30
summary-public-title = { $organisation }: звернення мешканців за { $period }
summary-public-totals = Отримано скарг: { $count }. Вирішено: { $resolved }. У роботі: { $inProgress }.
summary-public-categories = За темами:
summary-public-hromadas = За громадами:
summary-public-raions = За районами:
summary-public-other-hromadas = інші громади
summary-public-other-raions = інші райони
summary-public-signups = До волонтерської команди долучилися: { $count }.
summary-public-footer = Повідомити про проблему у вашій громаді можна в нашому боті.

## Організаторам: /link

link-usage = Використання: /link НАЗВА — латиниця, цифри, _ або -, до 64 символів. Напр.: /link flyer_korostyshiv
link-telegram = Telegram, джерело «{ $name }»:
    { $link }
link-viber = Viber, джерело «{ $name }»:
    { $link }
link-viber-missing = Посилання для Viber не зроблено: не задано VIBER_CHAT_URI (адресу чату бота з адмінки Viber).

## Організаторам: /broadcast

broadcast-already = Ви вже складаєте розсилку. Завершіть її або надішліть /cancel.
broadcast-dialog-over = Ця розсилка вже завершена або скасована.
broadcast-button-cancel = ✖ Скасувати
broadcast-cancelled = Розсилку скасовано, нічого не надіслано.
broadcast-ask-text = 📣 Нова розсилка. Напишіть текст відповіддю (Reply) на це повідомлення. Скасувати: /cancel
broadcast-text-placeholder = Текст розсилки
broadcast-text-empty = Потрібен текст. Напишіть його відповіддю (Reply) на це повідомлення.
broadcast-text-too-long = Задовго: { $length ->
        [one] { $length } символ
        [few] { $length } символи
       *[many] { $length } символів
    }, можна до { $max }. Скоротіть і надішліть відповіддю на це повідомлення.
broadcast-ask-photo = Додати фото? Надішліть його відповіддю (Reply) на це повідомлення або натисніть «Без фото».
broadcast-button-no-photo = ➡ Без фото
broadcast-photo-expected = Потрібне саме фото (не файл). Або натисніть «Без фото».
broadcast-ask-audience = Кому надіслати?
broadcast-audience-all = 👥 Усім
broadcast-audience-telegram = ✈️ Лише в Telegram
broadcast-audience-viber = 💜 Лише у Viber
broadcast-audience-settlement = 📍 Одному населеному пункту
broadcast-audience-volunteers = 🙋 Лише волонтерам
broadcast-audience-named-settlement = 📍 { $settlement }
broadcast-ask-settlement = Напишіть назву населеного пункту відповіддю (Reply) на це повідомлення.
broadcast-choose-place = Кому саме: оберіть населений пункт, усю громаду чи весь район. Або напишіть іншу назву відповіддю (Reply) на це повідомлення.
broadcast-place-not-found = Не знайшли «{ $typed }» серед населених пунктів області. Напишіть назву ще раз відповіддю (Reply) на це повідомлення або надішліть тим, хто написав саме так.
broadcast-place-hromada = 🏘 Уся { $hromada }
broadcast-place-raion = 🗺 Увесь { $raion }
broadcast-place-keep = ✍️ Як написано: «{ $typed }»
broadcast-preview-intro = Так мешканці побачать повідомлення:
broadcast-preview-button-note = (під кожним повідомленням буде кнопка «{ $button }»)
broadcast-nobody = Нікому надсилати: в аудиторії «{ $audience }» немає мешканців, які приймають новини (відписалися: { $optedOut }). Розсилку не створено.
broadcast-preview-title = Перевірте перед надсиланням
broadcast-preview-audience = Кому: { $audience }
broadcast-preview-recipients = Отримають: { $count } (Telegram: { $telegram }, Viber: { $viber })
broadcast-preview-opted-out = Відписалися від новин, не отримають: { $count }
broadcast-preview-unreachable = Заблокували бота, не отримають: { $count }
broadcast-preview-viber-paid = Viber: { $count } з { $viber } поза безкоштовною 24-годинною сесією — ці повідомлення платні (орієнтовно €0,02 кожне).
broadcast-preview-viber-no-photo = У Viber надійде лише текст: фото Viber приймає тільки за публічною адресою.
broadcast-button-send = ✅ Надіслати ({ $count })
broadcast-started = 📣 Розсилку { $id } запущено: { $count } отримувачів. Хід і підсумок напишу тут.

## Організаторам: недоставлене (/failed)

group-delivery-failed = ⚠️ Не вдалося доставити { $kind ->
        [photo] фото до { $ref }
        [location] мітку на мапі до { $ref }
        [note] примітку до { $ref }
       *[card] картку { $ref }
    } { $place ->
        [main] у цю групу
       *[routed] у групу { $chat } ({ $categories })
    }: Telegram відмовив. Перевірте, що бот є в тій групі і може писати. Решта карток надходить як завжди. Що не дійшло — /failed, там же кнопка «Повторити».
failed-none = ✅ Усе доставлено: недоставлених повідомлень немає.
failed-header = Не доставлено ({ $count }). Виправте причину (наприклад, поверніть бота в групу) і натисніть «Повторити»:
failed-item = { $kind ->
        [photo] 📷 фото до { $ref }
        [location] 📍 мітка до { $ref }
        [note] 💬 примітка до { $ref }
       *[card] 🗂 картка { $ref }
    } → { $place ->
        [main] ця група
       *[routed] група { $chat } ({ $categories })
    }: { $error }
failed-button-retry = 🔁 Повторити { $ref }
failed-retried = 🔁 Пробуємо ще раз: { $ref }.
failed-gone = Цього вже немає в списку: можливо, його повторили. Надішліть /failed ще раз.

## Організаторам: довідка і меню команд

organisers-help = Команди організаторів (працюють лише в цій групі):
    /stats [today|7|30|all] — статистика, кнопки перемикають період
    /export [днів|all] — CSV зі зверненнями й анкетами (з особистими даними)
    /broadcast — розсилка мешканцям: текст, фото, аудиторія, перевірка
    /link НАЗВА — посилання і QR-коди для листівок; /stats покаже, скільки людей прийшло
    /summary [днів|all] — знеособлений підсумок для публічного каналу
    /status C-1042 in_progress|resolved|rejected причина — змінити статус
    /failed — що не вдалося доставити, з кнопкою «Повторити»
    Щоб відповісти мешканцю, дайте відповідь (Reply) на картку.
organiser-command-stats = Статистика
organiser-command-export = CSV зі зверненнями й анкетами
organiser-command-broadcast = Розсилка мешканцям
organiser-command-link = Посилання і QR-код для листівки
organiser-command-summary = Знеособлений підсумок для каналу
organiser-command-status = Змінити статус звернення
organiser-command-help = Команди організаторів
organiser-command-failed = Що не вдалося доставити

## Навчання бота

teach-button-answer = 📚 Запам'ятати цю відповідь
teach-button-item = 📖 Це про пункт програми…
teach-choose-section = { $ref }: до якого розділу програми це питання?
teach-choose-item = { $ref }: до якого пункту?
teach-taught = 📚 Готово: бот відповідатиме так на схожі питання ({ $ref }).
teach-unknown-ref = Звернення { $ref } не знайдено.
teach-not-a-question = Навчити бота можна лише з питання (Q-…), а { $ref } — не питання.
teach-no-reply = Спершу дайте відповідь на { $ref } (Reply на картку), потім її можна запам'ятати.
teach-unknown-item = Такого пункту програми немає.

## Слова для періодів (/stats сьогодні, /export все), через кому

words-period-today = сьогодні
words-period-all = все, усе, всі
