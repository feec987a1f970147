## Viche — українська. Кожен рядок, який бачить мешканець або організатор.
## Ключі в kebab-case; розділи за функціями. Аргументи: { $name }.

## Навігація

nav-back = ⬅ Назад
nav-cancel = ✖ Скасувати
nav-menu = 🏠 Головне меню
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

# Слова, які можна набрати замість кнопки (через кому).
words-menu = меню, головне меню, початок, старт
words-programme = програма, програму, програма партії
words-complaint = скарга, скаргу, проблема, поскаржитися
words-volunteer = волонтер, волонтерство, допомогти, стати волонтером
words-question = питання, запитати, запитання
words-cancel = скасувати, відміна, стоп
words-help = допомога, довідка

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
programme-choose-item = { $count ->
        [one] У розділі { $count } пункт.
        [few] У розділі { $count } пункти.
       *[many] У розділі { $count } пунктів.
    } Оберіть пункт:
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
input-too-short = Занадто коротко: напишіть хоча б { $min } символи.
input-too-long = Занадто довго ({ $length } символів). Скоротіть до { $max } і надішліть ще раз.
flow-old-button = Ця кнопка з попереднього кроку.
summary-use-buttons = Перевірте і натисніть «Надіслати» або «Змінити».
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
phone-invalid = Це не схоже на номер телефону. Натисніть «📱 Поділитися номером» або напишіть номер, наприклад: 067 123 45 67.
phone-not-own = Це чужий контакт. Натисніть «📱 Поділитися номером», щоб надіслати свій.

## Скарга

complaint-ask-category = Про яку проблему хочете повідомити?
complaint-ask-settlement = У якому селі, місті чи громаді? Напишіть назву.
complaint-ask-description = Опишіть проблему кількома реченнями. Можна надіслати фото з підписом.
complaint-need-description = Опишіть проблему текстом (або надішліть фото з підписом).
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
status-none = У вас ще немає звернень.
status-bad-ref = Номер звернення має вигляд C-1042. Або натисніть «📋 Мої звернення».
status-not-yours = Не знайшов серед ваших звернень { $ref }.
kind-complaint = скарга
kind-volunteer = анкета волонтера
kind-question = питання
status-new = нове
status-in_progress = у роботі
status-resolved = вирішено
status-rejected = відхилено

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
card-button-in_progress = 🔧 В роботу
card-button-resolved = ✅ Вирішено
card-button-rejected = ❌ Відхилити
card-button-reopen = ↩️ Відкрити знову
card-reply-hint = Щоб відповісти мешканцю, дайте відповідь (Reply) на цю картку.

## Група організаторів

group-resident-replied = 💬 Мешканець відповів щодо { $ref }:
    { $text }
group-relayed = ✉️ Надіслано мешканцю ({ $ref }).
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
chatid-answer = Ідентифікатор цього чату: { $id }
    Вкажіть його в ORGANISERS_CHAT_ID, щоб картки приходили сюди.
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
