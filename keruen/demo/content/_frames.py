"""Sentence frames shared by all families, per (kind, direction), as (en, zh, ru, kk) tuples.

Slots: ``{item}``/``{item_gen}``/``{item_acc}`` (the family noun phrase in the nominative,
genitive and accusative), ``{dom}``/``{dom_gen}``/``{dom_acc}`` (the field of activity:
"production of …" for goods, the item itself for services and projects), places
(``{city}``, ``{hub}``, ``{dest}`` with ``.nom/.gen/.loc/.abl/.dat``) and scalars
(``{incoterm}``, ``{quarter}``, ``{next_year}``, ``{year_plus_2}``, ``{year_plus_3}``,
``{standard}``, ``{years}``, ``{inv}``, ``{share}``, ``{months}``). The four strings of a tuple
are translations of one another.
"""

# ruff: noqa: E501  (text data: sentences are kept whole for translators)

from __future__ import annotations

Quad = tuple[str, str, str, str]

OPENERS: dict[tuple[str, str], list[Quad]] = {
    ("product", "offer"): [
        (
            "We manufacture {item} at our own plant in {city.nom} and are looking for distributors "
            "and direct buyers.",
            "我们在{city.nom}的自有工厂生产{item}，现诚招经销商和直接买家。",
            "Производим {item_acc} на собственном заводе в {city.loc} и ищем дистрибьюторов и "
            "прямых покупателей.",
            "{city.loc} орналасқан өз зауытымызда {item_acc} шығарамыз, дистрибьюторлар мен тікелей "
            "сатып алушыларды іздейміз.",
        ),
        (
            "Our company exports {item} to Central Asia, Russia and the Caucasus and has been on the "
            "market for {years} years.",
            "公司向中亚、俄罗斯和高加索地区出口{item}，已有{years}年市场经验。",
            "Компания экспортирует {item_acc} в страны Центральной Азии, Россию и Закавказье и "
            "работает на рынке {years} лет.",
            "Компания {item_acc} Орталық Азия елдеріне, Ресейге және Кавказға экспорттайды, нарықта "
            "{years} жылдан бері жұмыс істейді.",
        ),
        (
            "We offer {item} with delivery on {incoterm} terms and a full set of export documents.",
            "我们供应{item}，可按{incoterm}条款交货，并提供全套出口单证。",
            "Предлагаем {item_acc} с поставкой на условиях {incoterm} и полным пакетом экспортных "
            "документов.",
            "{item_acc} {incoterm} шарттарымен жеткізіп, толық экспорттық құжаттар топтамасымен "
            "ұсынамыз.",
        ),
        (
            "Direct from the manufacturer: {item}, {standard} certified, in stock at our warehouse "
            "in {hub.nom}.",
            "厂家直供{item}，具备{standard}认证，{hub.nom}仓库现货供应。",
            "Напрямую от производителя: {item}, сертификат {standard}, товар в наличии на складе в "
            "{hub.loc}.",
            "Өндірушіден тікелей: {item}, {standard} сертификаты бар, тауар {hub.loc} орналасқан "
            "қоймада дайын.",
        ),
    ],
    ("product", "request"): [
        (
            "We are looking for reliable suppliers of {item} for delivery to {dest.nom} in "
            "{quarter}.",
            "寻找{item}的可靠供应商，{quarter}交货至{dest.nom}。",
            "Ищем надёжных поставщиков {item_gen} с доставкой до {dest.gen} в {quarter}.",
            "{quarter} {dest.dat} жеткізу шартымен {item_acc} жеткізетін сенімді серіктестер "
            "іздейміз.",
        ),
        (
            "We plan to buy {item} regularly and are ready to sign a long-term contract with a "
            "manufacturer.",
            "我方计划长期稳定采购{item}，愿与生产厂家签订长期合同。",
            "Планируем регулярные закупки {item_gen} и готовы заключить долгосрочный контракт с "
            "производителем.",
            "{item_acc} тұрақты түрде сатып алуды жоспарлап отырмыз, өндірушімен ұзақ мерзімді "
            "келісімшарт жасасуға дайынбыз.",
        ),
        (
            "Request for quotations: {item}, delivery {incoterm}, payment by letter of credit.",
            "询价：{item}，{incoterm}交货，信用证付款。",
            "Запрос коммерческих предложений: {item}, поставка {incoterm}, оплата аккредитивом.",
            "Коммерциялық ұсыныстар сұралады: {item}, жеткізу шарты {incoterm}, төлем аккредитив "
            "арқылы.",
        ),
        (
            "We will buy {item} with {standard} certification and ask suppliers to send prices and "
            "samples.",
            "我方拟采购具备{standard}认证的{item}，请供应商提供报价和样品。",
            "Закупим {item_acc} с сертификатом {standard}, просим поставщиков прислать цены и "
            "образцы.",
            "{standard} сертификаты бар {item_acc} сатып аламыз, жеткізушілерден бағалар мен "
            "үлгілерді жіберуді сұраймыз.",
        ),
    ],
    ("service", "offer"): [
        (
            "We provide {item} for companies trading between China, Central Asia and Europe.",
            "我们为从事中国、中亚与欧洲之间贸易的企业提供{item}。",
            "Предоставляем {item_acc} компаниям, которые торгуют между Китаем, Центральной Азией и "
            "Европой.",
            "Қытай, Орталық Азия және Еуропа арасында сауда жасайтын компанияларға {item_acc} "
            "ұсынамыз.",
        ),
        (
            "Our office in {city.nom} has more than {years} years of experience in {item}.",
            "我们{city.nom}办事处在{item}领域拥有{years}年以上经验。",
            "Наш офис в {city.loc} имеет более {years} лет опыта в сфере {item_gen}.",
            "{city.loc} орналасқан кеңсеміздің {item} саласында {years} жылдан астам тәжірибесі "
            "бар.",
        ),
        (
            "We offer {item} with fixed rates, a single contract and a personal manager.",
            "提供{item}，价格固定，一份合同，专属经理对接。",
            "Предлагаем {item_acc}: фиксированные тарифы, один договор и персональный менеджер.",
            "{item_acc} ұсынамыз: тұрақты тарифтер, бір шарт және жеке менеджер.",
        ),
    ],
    ("service", "request"): [
        (
            "We are looking for a reliable provider of {item}, and the contract can start in "
            "{quarter}.",
            "寻找可靠的{item}服务商，合同可于{quarter}开始执行。",
            "Ищем надёжного исполнителя в сфере {item_gen}, договор может начаться в {quarter}.",
            "{item} саласындағы сенімді орындаушыны іздейміз, шарт {quarter} басталуы мүмкін.",
        ),
        (
            "We invite proposals for {item} for our operations in {city.nom}.",
            "我方就{city.nom}业务所需的{item}公开征集方案。",
            "Приглашаем направить предложения в сфере {item_gen} для нашей работы в {city.loc}.",
            "{city.loc} жұмысымыз үшін {item} бойынша ұсыныстар қабылдаймыз.",
        ),
        (
            "Our company needs a partner for {item} and will sign a framework agreement with the "
            "best bidder.",
            "我公司需要{item}方面的合作伙伴，将与最佳报价方签订框架协议。",
            "Нашей компании нужен партнёр в сфере {item_gen}, с лучшим участником заключим рамочный "
            "договор.",
            "Компаниямызға {item} саласында серіктес қажет, үздік ұсыныс берушімен негіздемелік "
            "шарт жасасамыз.",
        ),
    ],
    ("project", "offer"): [
        (
            "As an EPC contractor we offer {item} on a turnkey basis: design, equipment supply and "
            "commissioning.",
            "作为EPC总承包商，我们可承接{item}交钥匙工程，包括设计、设备供货和调试。",
            "Как EPC-подрядчик предлагаем {item_acc} «под ключ»: проектирование, поставка "
            "оборудования и пусконаладка.",
            "EPC мердігері ретінде {item_acc} «кілтке дейін» ұсынамыз: жобалау, жабдық жеткізу және "
            "іске қосу-баптау.",
        ),
        (
            "We are ready to take part in the {item} as a contractor or co-investor.",
            "我们愿以承包商或共同投资方身份参与{item}项目。",
            "Готовы участвовать в проекте {item_gen} в качестве подрядчика или соинвестора.",
            "{item} жобасына мердігер немесе бірлескен инвестор ретінде қатысуға дайынбыз.",
        ),
        (
            "We have completed similar projects in China and Central Asia and can carry out the "
            "{item} within {months} months.",
            "我公司已在中国和中亚完成多个类似项目，可在{months}个月内完成{item}。",
            "Мы реализовали похожие проекты в Китае и Центральной Азии и можем выполнить "
            "{item_acc} за {months} месяцев.",
            "Қытай мен Орталық Азияда ұқсас жобаларды іске асырдық, {item_acc} {months} ай ішінде "
            "орындай аламыз.",
        ),
    ],
    ("project", "request"): [
        (
            "We are looking for an EPC contractor for the {item}, and the tender opens in "
            "{quarter}.",
            "为{item}项目寻找EPC总承包商，招标将于{quarter}启动。",
            "Ищем EPC-подрядчика для проекта {item_gen}, тендер откроется в {quarter}.",
            "{item} жобасына EPC мердігерін іздейміз, тендер {quarter} ашылады.",
        ),
        (
            "We are preparing the {item} and invite contractors and equipment suppliers to discuss "
            "their participation.",
            "我们正在筹备{item}项目，诚邀承包商和设备供应商洽谈参与。",
            "Готовим проект {item_gen} и приглашаем подрядчиков и поставщиков оборудования обсудить "
            "участие.",
            "{item} жобасын дайындап жатырмыз, мердігерлер мен жабдық жеткізушілерін қатысуды "
            "талқылауға шақырамыз.",
        ),
        (
            "The regional administration is looking for partners for the {item}, and land and "
            "utility connections will be provided.",
            "地方政府正在为{item}项目寻找合作伙伴，将提供土地和市政配套接入。",
            "Областная администрация ищет партнёров для проекта {item_gen}, земля и подключение к "
            "сетям будут предоставлены.",
            "Облыс әкімдігі {item} жобасына серіктестер іздейді, жер және инженерлік желілерге "
            "қосылу беріледі.",
        ),
    ],
    ("investment", "offer"): [
        (
            "We are ready to invest up to USD {inv} million in {dom} in Central Asia or Xinjiang.",
            "我们准备在中亚或新疆投资最多{inv}美元用于{dom}。",
            "Готовы инвестировать до {inv} млн долларов США в {dom_acc} в Центральной Азии или "
            "Синьцзяне.",
            "Орталық Азияда немесе Шыңжаңда {dom_acc} қаржыландыруға {inv} млн АҚШ долларына дейін "
            "салуға дайынбыз.",
        ),
        (
            "We offer co-financing and equipment on deferred payment terms for {dom}.",
            "我们可为{dom}提供联合融资和延期付款的设备供应。",
            "Предлагаем софинансирование и поставку оборудования с отсрочкой платежа для {dom_gen}.",
            "{dom} үшін бірлесіп қаржыландыру және төлемі кейінге қалдырылған жабдық жеткізуді "
            "ұсынамыз.",
        ),
        (
            "Our fund will consider an equity stake of up to {share}% in {dom}, with a horizon of "
            "7–10 years.",
            "我们的基金考虑以最高{share}%的股比参与{dom}项目，投资期限7至10年。",
            "Наш фонд рассмотрит участие в капитале до {share}% в проекте {dom_gen} на горизонте "
            "7–10 лет.",
            "Қорымыз {dom} жобасына 7–10 жыл мерзімге {share}%-ға дейінгі үлеспен қатысуды "
            "қарастырады.",
        ),
    ],
    ("investment", "request"): [
        (
            "We are looking for an investor or a lender for {dom}: the budget is about USD {inv} "
            "million, and a {share}% stake is on offer.",
            "为{dom}项目寻找投资方或贷款方，总预算约{inv}美元，可出让{share}%股权。",
            "Ищем инвестора или кредитора для проекта {dom_gen}: бюджет около {inv} млн долларов "
            "США, готовы предложить долю {share}%.",
            "{dom} жобасына инвестор немесе кредитор іздейміз: бюджеті шамамен {inv} млн АҚШ "
            "доллары, {share}% үлес ұсынуға дайынбыз.",
        ),
        (
            "The business plan for {dom} is ready, and we invite strategic and financial investors "
            "to meet us at the Expo.",
            "{dom}项目的商业计划书已准备就绪，诚邀战略投资者和财务投资者在博览会期间洽谈。",
            "Бизнес-план проекта {dom_gen} готов, приглашаем стратегических и финансовых инвесторов "
            "на встречу на выставке.",
            "{dom} жобасының бизнес-жоспары дайын, стратегиялық және қаржылық инвесторларды көрмеде "
            "кездесуге шақырамыз.",
        ),
        (
            "A co-investor is sought for {dom}, and the state supports the project with tax "
            "exemptions and guaranteed offtake.",
            "{dom}项目寻求共同投资方，政府以税收减免和保障收购支持该项目。",
            "Для проекта {dom_gen} ищем соинвестора, государство поддерживает проект налоговыми "
            "льготами и гарантированным сбытом.",
            "{dom} жобасына бірлескен инвестор іздейміз, мемлекет жобаны салық жеңілдіктерімен және "
            "кепілдендірілген өткізумен қолдайды.",
        ),
    ],
    ("partnership", "offer"): [
        (
            "We are open to partnership in {dom}: joint ventures, distribution agreements and "
            "technology transfer.",
            "我们愿在{dom}领域开展合作：合资企业、经销协议及技术转让。",
            "Открыты к партнёрству в сфере {dom_gen}: совместные предприятия, дистрибуция и "
            "трансфер технологий.",
            "{dom} саласында серіктестікке дайынбыз: бірлескен кәсіпорындар, дистрибуция және "
            "технология трансфері.",
        ),
        (
            "We propose to set up a joint venture for {dom} with a local partner in {dest.nom}.",
            "我们提议与{dest.nom}的本地合作伙伴成立合资企业，开展{dom}。",
            "Предлагаем создать совместное предприятие для {dom_gen} с местным партнёром в "
            "{dest.loc}.",
            "{dest.loc} жергілікті серіктеспен бірге {dom} үшін бірлескен кәсіпорын құруды "
            "ұсынамыз.",
        ),
        (
            "We invite companies from the region to cooperate in {dom} and will share our "
            "technology and experience.",
            "我们诚邀本地区企业在{dom}领域开展合作，并愿分享我们的技术和经验。",
            "Приглашаем компании региона к сотрудничеству в сфере {dom_gen} и готовы поделиться "
            "технологиями и опытом.",
            "Өңір компанияларын {dom} саласында ынтымақтасуға шақырамыз және технологиялар мен "
            "тәжірибемізбен бөлісуге дайынбыз.",
        ),
    ],
    ("partnership", "request"): [
        (
            "We are looking for a partner in {dest.nom} to work together in {dom}, preferably a "
            "local company with its own sales network.",
            "在{dest.nom}寻找{dom}领域的合作伙伴，优先考虑拥有自有销售网络的本地企业。",
            "Ищем партнёра в {dest.loc} для совместной работы в сфере {dom_gen}, предпочтительно "
            "местную компанию с собственной сбытовой сетью.",
            "{dom} саласында бірлесіп жұмыс істейтін, {dest.loc} орналасқан серіктес іздейміз, өз "
            "сату желісі бар жергілікті компанияға артықшылық беріледі.",
        ),
        (
            "We need a technology partner in {dom} who can also train our engineers.",
            "我们需要{dom}方面的技术合作伙伴，并能为我方工程师提供培训。",
            "Нужен технологический партнёр в сфере {dom_gen}, который также обучит наших "
            "инженеров.",
            "{dom} саласында инженерлерімізді де оқыта алатын технологиялық серіктес қажет.",
        ),
        (
            "Our company wants to take its work in {dom} to new markets and is looking for a "
            "reliable partner with experience in the region.",
            "我公司希望将{dom}业务拓展到新市场，正在寻找熟悉本地区的可靠合作伙伴。",
            "Наша компания хочет вывести работу в сфере {dom_gen} на новые рынки и ищет надёжного "
            "партнёра с опытом работы в регионе.",
            "Компаниямыз {dom} саласындағы жұмысын жаңа нарықтарға шығарғысы келеді және өңірде "
            "тәжірибесі бар сенімді серіктес іздейді.",
        ),
    ],
    ("expertise", "offer"): [
        (
            "Our engineers and consultants offer expertise in {dom}: feasibility studies, design "
            "review and staff training.",
            "我们的工程师和顾问可提供{dom}方面的专业支持：可行性研究、设计审查和人员培训。",
            "Наши инженеры и консультанты предлагают экспертизу в области {dom_gen}: ТЭО, проверка "
            "проектной документации, обучение персонала.",
            "Біздің инженерлер мен кеңесшілер {dom} саласында сараптама ұсынады: ТЭН, жобалық "
            "құжаттаманы тексеру, персоналды оқыту.",
        ),
        (
            "We share {years} years of experience in {dom} through consulting, audits and on-site "
            "training.",
            "我们在{dom}领域拥有{years}年经验，可提供咨询、审核和现场培训。",
            "Делимся {years}-летним опытом в сфере {dom_gen}: консалтинг, аудит и обучение на "
            "площадке.",
            "{dom} саласындағы {years} жылдық тәжірибемізбен бөлісеміз: консалтинг, аудит және "
            "орнында оқыту.",
        ),
    ],
    ("expertise", "request"): [
        (
            "We need independent experts in {dom} for a technical audit and staff training.",
            "我们需要{dom}方面的独立专家，开展技术审核和人员培训。",
            "Нужны независимые эксперты в области {dom_gen} для технического аудита и обучения "
            "персонала.",
            "Техникалық аудит және персоналды оқыту үшін {dom} саласындағы тәуелсіз сарапшылар "
            "қажет.",
        ),
        (
            "We are looking for consultants with experience in {dom} to prepare a feasibility study "
            "and a financing plan.",
            "寻找具有{dom}经验的顾问，协助编制可行性研究报告和融资方案。",
            "Ищем консультантов с опытом в сфере {dom_gen} для подготовки ТЭО и плана "
            "финансирования.",
            "ТЭН мен қаржыландыру жоспарын дайындау үшін {dom} саласында тәжірибесі бар кеңесшілер "
            "іздейміз.",
        ),
    ],
}

TITLES: dict[tuple[str, str], list[Quad]] = {
    ("product", "offer"): [
        ("Supply of {item}", "供应{item}", "Поставка {item_gen}", "{item} жеткізу"),
        (
            "{item} from {city.nom}",
            "{city.nom}产{item}",
            "{item} из {city.gen}",
            "{city.abl} {item}",
        ),
        (
            "Export offer: {item}",
            "出口报价：{item}",
            "Экспортное предложение: {item}",
            "Экспорттық ұсыныс: {item}",
        ),
    ],
    ("product", "request"): [
        (
            "Looking for suppliers of {item}",
            "求购{item}",
            "Ищем поставщиков {item_gen}",
            "{item} жеткізушілерін іздейміз",
        ),
        ("Purchase of {item}", "采购{item}", "Закупка {item_gen}", "{item_acc} сатып алу"),
        (
            "Request for quotations: {item}",
            "询价：{item}",
            "Запрос цен: {item}",
            "Баға сұрауы: {item}",
        ),
    ],
    ("service", "offer"): [
        ("Services: {item}", "服务：{item}", "Услуги: {item}", "Қызметтер: {item}"),
        (
            "{item}: a provider from {city.nom}",
            "{city.nom}服务商：{item}",
            "{item}: исполнитель из {city.gen}",
            "{item}: {city.abl} орындаушы",
        ),
    ],
    ("service", "request"): [
        (
            "Looking for a provider: {item}",
            "寻找服务商：{item}",
            "Ищем исполнителя: {item}",
            "Орындаушы іздейміз: {item}",
        ),
        ("Tender: {item}", "招标：{item}", "Тендер: {item}", "Тендер: {item}"),
    ],
    ("project", "offer"): [
        (
            "{item} on a turnkey basis",
            "{item}交钥匙工程",
            "{item} «под ключ»",
            "{item} «кілтке дейін»",
        ),
        ("EPC offer: {item}", "EPC承包：{item}", "EPC-предложение: {item}", "EPC ұсынысы: {item}"),
    ],
    ("project", "request"): [
        (
            "Contractor wanted: {item}",
            "寻找承包商：{item}",
            "Требуется подрядчик: {item}",
            "Мердігер қажет: {item}",
        ),
        ("Project: {item}", "项目：{item}", "Проект: {item}", "Жоба: {item}"),
    ],
    ("investment", "offer"): [
        (
            "Investment offer: {dom}",
            "投资意向：{dom}",
            "Инвестиции в {dom_acc}",
            "Инвестиция: {dom}",
        ),
        (
            "Financing available for {dom}",
            "可为{dom}提供资金",
            "Финансирование для {dom_gen}",
            "{dom} үшін қаржыландыру",
        ),
    ],
    ("investment", "request"): [
        (
            "Investor wanted: {dom}",
            "寻求投资：{dom}",
            "Ищем инвестора: {dom}",
            "Инвестор іздейміз: {dom}",
        ),
        (
            "Investment project: {dom}",
            "投资项目：{dom}",
            "Инвестиционный проект: {dom}",
            "Инвестициялық жоба: {dom}",
        ),
    ],
    ("partnership", "offer"): [
        (
            "Partnership in {dom}",
            "{dom}领域合作",
            "Партнёрство в сфере {dom_gen}",
            "{dom} саласындағы серіктестік",
        ),
        (
            "Joint venture: {dom}",
            "合资合作：{dom}",
            "Совместное предприятие: {dom}",
            "Бірлескен кәсіпорын: {dom}",
        ),
    ],
    ("partnership", "request"): [
        (
            "Partner wanted: {dom}",
            "寻找合作伙伴：{dom}",
            "Ищем партнёра: {dom}",
            "Серіктес іздейміз: {dom}",
        ),
        (
            "Local partner for {dom}",
            "{dom}本地合作伙伴",
            "Местный партнёр для {dom_gen}",
            "{dom} үшін жергілікті серіктес",
        ),
    ],
    ("expertise", "offer"): [
        ("Expertise: {dom}", "专业咨询：{dom}", "Экспертиза: {dom}", "Сараптама: {dom}"),
        (
            "Consulting in {dom}",
            "{dom}咨询服务",
            "Консалтинг в сфере {dom_gen}",
            "{dom} саласындағы консалтинг",
        ),
    ],
    ("expertise", "request"): [
        (
            "Experts needed: {dom}",
            "征求专家：{dom}",
            "Нужны эксперты: {dom}",
            "Сарапшылар қажет: {dom}",
        ),
        (
            "Consultant wanted for {dom}",
            "寻找{dom}顾问",
            "Ищем консультанта в сфере {dom_gen}",
            "{dom} саласы бойынша кеңесші іздейміз",
        ),
    ],
}

CLOSERS: dict[str, list[Quad]] = {
    "offer": [
        (
            "Samples and a price list are available on request.",
            "可应要求提供样品和价目表。",
            "Образцы и прайс-лист предоставляем по запросу.",
            "Үлгілер мен баға тізімі сұраныс бойынша беріледі.",
        ),
        (
            "We will be glad to meet you at our stand during the Expo.",
            "欢迎在博览会期间莅临我们的展位洽谈。",
            "Будем рады встрече на нашем стенде во время выставки.",
            "Көрме кезінде стендімізде кездесуге қуаныштымыз.",
        ),
        (
            "References from clients in {dest.nom} are available.",
            "可提供{dest.nom}客户的推荐信。",
            "Можем предоставить рекомендации клиентов из {dest.gen}.",
            "{dest.abl} клиенттердің ұсынымхаттарын бере аламыз.",
        ),
        (
            "Our team speaks Chinese, Russian and English.",
            "我们的团队可使用中文、俄语和英语沟通。",
            "Наша команда говорит на китайском, русском и английском языках.",
            "Командамыз қытай, орыс және ағылшын тілдерінде сөйлейді.",
        ),
    ],
    "request": [
        (
            "Please send offers with prices and lead times.",
            "请发送含价格和交货期的报价。",
            "Просим присылать предложения с ценами и сроками.",
            "Бағалары мен мерзімдері көрсетілген ұсыныстарды жіберуіңізді сұраймыз.",
        ),
        (
            "We are ready to meet during the Expo's B2B sessions.",
            "我们愿在博览会B2B洽谈会期间会面。",
            "Готовы встретиться на B2B-сессиях выставки.",
            "Көрменің B2B сессияларында кездесуге дайынбыз.",
        ),
        (
            "Experience in Central Asia will be an advantage.",
            "具有中亚市场经验者优先。",
            "Опыт работы в Центральной Азии будет преимуществом.",
            "Орталық Азиядағы жұмыс тәжірибесі артықшылық болады.",
        ),
        (
            "Preference will be given to partners who can provide documents in Russian.",
            "能够提供俄文文件的合作伙伴优先。",
            "Предпочтение отдаётся партнёрам, которые могут предоставить документы на русском "
            "языке.",
            "Құжаттарды орыс тілінде бере алатын серіктестерге артықшылық беріледі.",
        ),
    ],
}
