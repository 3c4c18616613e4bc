## Asking a client for their view, as the freelancer sees it.
## Три вопроса клиенту — зеркало вопросов рефлексии «request» и «return» и цифры клиента
## (I8, I9, I10, I11).

button-feedback-ask = 🗣 Попросить отзыв клиента
button-feedback-copy = 📋 Скопировать
button-feedback-share = 📤 Отправить
button-feedback-withdraw = ↩ Отозвать запрос

## Запрос, готовый к отправке
feedback-asked =
    🗣 <b>Запрос отзыва у клиента { $client } о проекте «{ $project }»</b>
    Клиент ответит прямо в Telegram на три коротких вопроса: поняли ли вы, что ему на самом деле было нужно, какой у него сейчас показатель и насколько вероятно, что он снова будет с вами работать. Его ответы вы увидите рядом со своими.
    Ссылка — для одного человека, действует до { $expires }.
feedback-asked-send = Отправьте клиенту это сообщение (📋 — скопировать, 📤 — выбрать чат):
feedback-draft-formal = Здравствуйте! Мне важно ваше честное мнение о проекте «{ $project }»: три коротких вопроса в Telegram, примерно минута.
feedback-draft-informal = Привет! Мне важно твоё честное мнение о проекте «{ $project }»: три коротких вопроса в Telegram, примерно минута.
feedback-draft-short-formal = Здравствуйте! Мне важно ваше честное мнение о нашем проекте: три коротких вопроса в Telegram, примерно минута.
feedback-draft-short-informal = Привет! Мне важно твоё честное мнение о нашем проекте: три коротких вопроса в Telegram, примерно минута.

## Почему запрос сейчас не отправить
feedback-refused-open = 🗣 У клиента { $client } уже есть запрос, который ждёт ответа: отправлен { $asked }, ссылка действует до { $expires }. Когда клиент ответит или вы отзовёте запрос, можно будет спросить снова.
feedback-refused-too-soon = 🗣 Клиента { $client } уже спрашивали недавно. Не чаще раза в месяц — так просьба не будет в тягость: следующий запрос можно отправить { $date }.
feedback-refused-opted-out = 🗣 Клиент { $client } попросил больше не спрашивать его мнения, поэтому бот не будет отправлять ему запросы. Всё остальное о клиенте остаётся как было.
feedback-withdrawn = Запрос отозван: по его ссылке вопросы больше не открываются.

## В карточке клиента
feedback-card-waiting = 🗣 Отзыв запрошен { $asked }, ссылка действует до { $expires }.
feedback-card-answered = 🗣 Взгляд клиента, { $date }:
feedback-card-expired = 🗣 Запрос от { $asked } истёк без ответа.
feedback-card-withdrawn = 🗣 Запрос от { $asked } отозван.
feedback-card-declined = 🗣 Клиент попросил больше не спрашивать его мнения.
feedback-card-erased = 🗣 Клиент удалил свои ответы.
feedback-card-next = Новый запрос можно отправить с { $date }.
feedback-card-summary =
    · понимание задачи: вы { $mine } · клиент { $theirs }
    · снова работать вместе: вы { $mine_again } · клиент { $theirs_again }
metric-from-client = · со слов клиента

## Два взгляда рядом (уведомление, /history)
feedback-notice-title = 🗣 <b>Клиент { $client } ответил о проекте «{ $project }»</b>
feedback-history-title = 🗣 <b>Взгляд клиента</b> ({ $date })
feedback-pair-understood = Поняли, что на самом деле было нужно: вы { $mine } · клиент { $theirs }
feedback-pair-again = Снова работать вместе: вы { $mine } · клиент { $theirs }
feedback-pair-number = Показатель ({ $metric }): со слов клиента { $theirs } · { $mine }
feedback-mine-latest = ваша последняя запись { $value }
feedback-mine-before = до проекта { $value }
feedback-mine-none = ваших записей нет
feedback-number-unknown = не знает
feedback-comment = <i>«{ $comment }»</i>
feedback-advice-understood = 💡 Клиент почувствовал, что его поняли меньше, чем казалось вам: в следующий раз запишите цель и её цифру в самом начале и попросите клиента подтвердить их своими словами (это делает /kickoff).
feedback-advice-again = 💡 Клиент не так уверен, что вернётся, как вы прогнозировали: спросите, что сделало бы следующий проект для него стоящим, и через несколько недель узнайте, как у него с результатом.

## /stats
feedback-stats-none = 🗣 Взгляда клиентов пока нет. В карточке клиента можно попросить отзыв: три коротких вопроса, и ответы появятся рядом с вашими.
feedback-stats-title = 🗣 <b>Взгляд клиентов</b>: { $count } { $count ->
        [one] ответ
        [few] ответа
       *[many] ответов
    }
feedback-stats-understood = · понимание задачи (1–5): ваша оценка минус оценка клиента, в среднем { $gap }
feedback-stats-better = · лучше по цифре самого клиента: { $better } из { $measured } { $measured ->
        [one] проекта
       *[other] проектов
    }, где клиент назвал цифру
feedback-stats-again = · вернётся ли клиент (0–10): ваш прогноз минус ответ клиента, в среднем { $gap } (по { $count })

## График цифры клиента
metric-chart-own = ваши записи
metric-chart-client = со слов клиента
