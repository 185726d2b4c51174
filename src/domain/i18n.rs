//! The two languages of the app and every fixed string of its interface, in both.
//!
//! Each message is one variant with its Thai and English text side by side, so a string
//! cannot exist in one language only: the compiler refuses a variant without both.

use std::fmt;

/// A language the app speaks. Thai comes first: it is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Th,
    En,
}

impl Lang {
    /// Both languages, Thai first.
    pub const ALL: [Lang; 2] = [Lang::Th, Lang::En];

    /// The BCP 47 tag, as used in `lang=` and the `lang` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Th => "th",
            Lang::En => "en",
        }
    }

    /// Reads a `lang=` value or a browser language tag such as `en-GB` or `th-TH`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "th" => Some(Lang::Th),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language to use: the address's `lang=`, else the saved choice, else the first of
    /// the browser's languages that the app speaks, else Thai.
    ///
    /// `src/build/before-paint.js` applies the same rule before the first paint, to show a
    /// prerendered page in this language; `tests/e2e/prerender.test.mjs` holds them together.
    pub fn choose<'a>(
        from_address: Option<&str>,
        saved: Option<&str>,
        browser: impl IntoIterator<Item = &'a str>,
    ) -> Lang {
        from_address
            .and_then(Lang::from_tag)
            .or_else(|| saved.and_then(Lang::from_tag))
            .or_else(|| browser.into_iter().find_map(Lang::from_tag))
            .unwrap_or_default()
    }

    /// The other language, for the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Th => Lang::En,
            Lang::En => Lang::Th,
        }
    }

    /// The language's own name for itself, as the switch shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Th => "ภาษาไทย",
            Lang::En => "English",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Picks the Thai or the English of a pair.
pub fn pick<T>(lang: Lang, th: T, en: T) -> T {
    match lang {
        Lang::Th => th,
        Lang::En => en,
    }
}

/// A receiver's reason for refusing a story, in `lang`: its Thai when it gave one and Thai is
/// wanted, otherwise its English.
pub fn receiver_reason<'a>(lang: Lang, reason: &'a str, reason_th: Option<&'a str>) -> &'a str {
    match (lang, reason_th) {
        (Lang::Th, Some(thai)) => thai,
        _ => reason,
    }
}

/// Declares [`Msg`] with one variant per line, each with its Thai and English text, and
/// [`Msg::ALL`] so that tests can check every message.
macro_rules! messages {
    ($($name:ident => ($th:expr, $en:expr $(,)?)),* $(,)?) => {
        /// A fixed string of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($name,)*
        }

        impl Msg {
            /// Every message, in declaration order.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            /// The Thai and the English text.
            pub fn pair(self) -> (&'static str, &'static str) {
                match self {
                    $(Msg::$name => ($th, $en),)*
                }
            }
        }
    };
}

messages! {
    AppName => ("สื่อสารเมืองกรุงเทพฯ", "Bangkok City Communication"),
    AppTagline => (
        "ข่าวสารจากสำนักงานเขตและแผนสื่อสารเมืองของกรุงเทพมหานคร",
        "News from Bangkok's district offices and the city's communication plan",
    ),
    SkipToContent => ("ข้ามไปยังเนื้อหาหลัก", "Skip to main content"),
    MainMenu => ("เมนูหลัก", "Main menu"),
    NavHome => ("หน้าแรก", "Home"),
    NavNews => ("ข่าว", "News"),
    NavPlan => ("แผนสื่อสารเมือง", "Communication plan"),
    SwitchLanguage => ("เปลี่ยนภาษาเป็นภาษาอังกฤษ", "Change the language to Thai"),
    Loading => ("กำลังโหลดข้อมูล…", "Loading…"),
    BundleErrorTitle => ("ขออภัย ขณะนี้ยังแสดงข้อมูลไม่ได้", "Sorry, the information cannot be shown right now"),
    BundleErrorHelp => (
        "ไฟล์ข้อมูลของแอปมีปัญหาหรือโหลดไม่สำเร็จ โปรดลองใหม่อีกครั้งในภายหลัง หากยังพบปัญหา โปรดแจ้งสำนักงานประชาสัมพันธ์ กรุงเทพมหานคร",
        "The app's data file has a problem or could not be loaded. Please try again later; if the problem remains, please tell the Bangkok Metropolitan Administration's PR office.",
    ),
    BundleErrorDetails => ("รายละเอียดสำหรับเจ้าหน้าที่", "Details for the city's web team"),
    TryAgain => ("ลองอีกครั้ง", "Try again"),
    DataAsOf => ("ข้อมูล ณ วันที่", "Data as of"),
    LatestNews => ("ข่าวล่าสุด", "Latest news"),
    AllNews => ("ดูข่าวทั้งหมด", "See all news"),
    PlanAtAGlance => ("แผนสื่อสารเมืองโดยสังเขป", "The communication plan at a glance"),
    ReadThePlan => ("อ่านแผนสื่อสารเมือง", "Read the communication plan"),
    HomeIntro => (
        "ติดตามข่าวจากสำนักงานเขตทั้ง 50 เขต และดูว่ากรุงเทพมหานครสื่อสารกับประชาชนอย่างไรตามนโยบาย 9 ด้าน 9 ดี",
        "Follow the news of all 50 district offices and see how Bangkok talks with its people under the nine policy dimensions.",
    ),
    NewsTitle => ("ข่าวสำนักงานเขต", "District news"),
    NewsIntro => (
        "ค้นหาและกรองข่าวตามพื้นที่ ขอบข่ายเนื้อหา นโยบาย และช่วงเวลา",
        "Search and filter the news by area, theme, policy and period",
    ),
    FollowFeed => ("ติดตามข่าวชุดนี้ทางฟีด:", "Follow these news in a feed reader:"),
    Search => ("ค้นหา", "Search"),
    SearchHint => (
        "พิมพ์คำใดก็ได้ เช่น คลอง หรือ บางกอกน้อย ใส่เครื่องหมายคำพูดเพื่อค้นทั้งวลี",
        "Type any words, such as canal or Bangkok Noi; put a phrase in quotes to find it as written",
    ),
    Filters => ("ตัวกรอง", "Filters"),
    DateRange => ("ช่วงวันที่", "Date range"),
    DateFrom => ("ตั้งแต่วันที่", "From"),
    DateTo => ("ถึงวันที่", "To"),
    SortBy => ("เรียงตาม", "Sort by"),
    ClearAll => ("ล้างตัวกรองทั้งหมด", "Clear all filters"),
    ShowMore => ("แสดงข่าวเพิ่ม", "Show more news"),
    NoResults => ("ไม่พบข่าวที่ตรงกับการค้นหานี้", "No news matches this search"),
    NoResultsHelp => ("ลองเอาตัวกรองบางอย่างออก:", "Try removing a filter:"),
    Sample => ("ตัวอย่าง", "Sample"),
    SampleNotice => (
        "ข่าวตัวอย่างเพื่อสาธิตการใช้งาน ไม่ใช่ข่าวจริง",
        "An illustrative sample, not real news",
    ),
    CityWide => ("ทั่วกรุงเทพฯ", "City-wide"),
    District => ("เขต", "District"),
    DistrictGroup => ("กลุ่มเขต", "District group"),
    Themes => ("ขอบข่ายเนื้อหา", "Themes"),
    Policies => ("นโยบาย", "Policies"),
    PublishedOn => ("วันที่เผยแพร่", "Published"),
    PublishedBy => ("เผยแพร่โดย", "Published by"),
    Credit => ("รายงานโดย", "Reported by"),
    Album => ("อัลบั้มภาพ", "Photo album"),
    ReadTheOriginal => ("อ่านข่าวต้นฉบับ", "Read the original article"),
    BackToNews => ("กลับไปที่รายการข่าว", "Back to the news"),
    NewsNotFound => ("ไม่พบข่าวนี้", "This news item was not found"),
    NewsUnavailable => ("แสดงข่าวนี้ไม่ได้", "This news item cannot be shown"),
    NewsNotFoundHelp => (
        "ข่าวนี้อาจถูกนำออกหรือที่อยู่ไม่ถูกต้อง",
        "It may have been removed, or the address may be wrong.",
    ),
    PageNotFound => ("ไม่พบหน้านี้", "Page not found"),
    PageNotLoaded => ("เปิดหน้านี้ไม่ได้", "This page could not be opened"),
    PageNotLoadedHelp => (
        "ส่วนนี้ของแอปยังไม่อยู่ในเครื่อง และดาวน์โหลดไม่สำเร็จ โปรดตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง",
        "This part of the app is not on this device yet, and downloading it failed. Please check the connection and try again.",
    ),
    PageGoneHelp => (
        "แอปได้รับการปรับปรุงหลังจากเปิดหน้านี้ โปรดโหลดหน้านี้ใหม่เพื่อใช้รุ่นใหม่",
        "The app was updated after this page was opened. Please reload the page to get the new version.",
    ),
    PageRefusedHelp => (
        "เว็บไซต์ส่งส่วนนี้ของแอปมาไม่ได้ในขณะนี้ โปรดลองอีกครั้งภายหลัง",
        "The site could not send this part of the app just now. Please try again later.",
    ),
    PageAlteredHelp => (
        "ส่วนนี้ของแอปถูกเปลี่ยนระหว่างทาง จึงไม่ได้เปิดใช้ หากใช้ Wi-Fi สาธารณะ โปรดลงชื่อเข้าใช้เครือข่ายก่อน แล้วลองอีกครั้ง",
        "This part of the app was changed on the way, so it was not run. On public Wi-Fi, sign in to the network first, then try again.",
    ),
    PageNotFoundHelp => (
        "ที่อยู่ที่เปิดไม่มีอยู่ในแอปนี้",
        "The address you opened does not exist in this app.",
    ),
    GoHome => ("กลับไปหน้าแรก", "Go to the home page"),
    PlanPeriod => ("ระยะเวลาของแผน", "Plan period"),
    Foreword => ("คำนำ", "Foreword"),
    PolicyDimensions => ("นโยบาย 9 ด้าน 9 ดี", "The nine policy dimensions (9 ด้าน 9 ดี)"),
    PolicyDimensionsIntro => (
        "ชุดนโยบายสาธารณะของผู้ว่าราชการกรุงเทพมหานครที่ทุกหน่วยงานสื่อสารร่วมกัน",
        "The governor's public policy framework that every city office communicates.",
    ),
    ContentThemes => ("ขอบข่ายเนื้อหา", "Content themes"),
    PriorityTopics => ("ประเด็นเน้นหนัก", "Priority topics"),
    Guidelines => ("แนวทางปฏิบัติ", "Actionable guidelines"),
    Channels => ("ช่องทาง", "Channels"),
    ResponsibleOffice => ("ผู้รับผิดชอบ", "Responsible"),
    OwnerCentral => ("ส่วนกลาง", "Central office"),
    OwnerDistrict => ("สำนักงานเขต", "District offices"),
    RelatedNews => ("ข่าวที่เกี่ยวข้อง", "Related news"),
    NoRelatedNews => ("ยังไม่มีข่าวในขอบข่ายนี้", "No news in this theme yet."),
    ThemeNotFound => ("ไม่พบขอบข่ายเนื้อหานี้", "This theme was not found"),
    BackToPlan => ("กลับไปที่แผนสื่อสารเมือง", "Back to the communication plan"),
    CrashTitle => ("ขออภัย แอปขัดข้อง", "Sorry, something went wrong"),
    CrashHelp => (
        "โปรดโหลดหน้านี้ใหม่เพื่อใช้งานต่อ หากยังขัดข้องอีก โปรดลองใหม่ภายหลัง",
        "Please reload the page to carry on. If it happens again, please try later.",
    ),
    Reload => ("โหลดหน้านี้ใหม่", "Reload the page"),
    Footer => ("สำนักงานประชาสัมพันธ์ กรุงเทพมหานคร", "Public Relations Office, Bangkok Metropolitan Administration"),
    NavStories => ("เรื่องเล่า", "Stories"),
    StoriesTitle => ("BANGKOK STORIES เรื่องเล่าดี ๆ ของคนกรุงเทพฯ", "BANGKOK STORIES: good stories from Bangkok's people"),
    StoriesIntro => (
        "เรื่องราวดี ๆ เกี่ยวกับชีวิตในเมืองที่ประชาชนเล่าให้เราฟัง",
        "Good stories about life in the city, told by the people who live it.",
    ),
    NoStoriesYet => ("ยังไม่มีเรื่องเล่าที่เผยแพร่", "No stories have been published yet."),
    ShareAStory => ("เล่าเรื่องของคุณ", "Share your story"),
    ShareInvitation => (
        "คุณเห็นอะไรดี ๆ ในเขตของคุณไหม เล่าให้เมืองฟังพร้อมรูปภาพได้เลย แม้ไม่มีอินเทอร์เน็ตเรื่องของคุณก็จะไม่หาย",
        "Seen something good in your district? Tell the city, photos included. Even without a connection, your story will not be lost.",
    ),
    MyStories => ("เรื่องที่ส่งจากเครื่องนี้", "Stories sent from this device"),
    FormTitle => ("เล่าเรื่องดี ๆ ของกรุงเทพฯ", "Share a good Bangkok story"),
    FormIntro => (
        "ช่องที่มีเครื่องหมาย * ต้องกรอก เรื่องของคุณจะถูกเก็บไว้ในเครื่องก่อน แล้วส่งถึงกรุงเทพมหานครเมื่อมีอินเทอร์เน็ต",
        "Fields marked * are required. Your story is kept on this device first, and reaches the city as soon as there is a connection.",
    ),
    ComplaintsPrompt => ("ต้องการแจ้งปัญหาหรือร้องเรียน?", "Want to report a problem instead?"),
    ComplaintsLink => ("แจ้งผ่านช่องทางร้องเรียนของกรุงเทพมหานคร", "Use the city's complaint channel"),
    FieldTitle => ("ชื่อเรื่อง", "Title"),
    FieldText => ("เรื่องของคุณ", "Your story"),
    FieldDistrict => ("เขต", "District"),
    ChooseDistrict => ("เลือกเขต", "Choose a district"),
    FieldPolicies => ("นโยบายที่เกี่ยวข้อง (ไม่บังคับ)", "Related policies (optional)"),
    FieldPhotos => ("รูปภาพ (ไม่บังคับ)", "Photos (optional)"),
    PhotosHint => (
        "ไม่เกิน 3 รูป รูปละไม่เกิน 20 MB รูปจะถูกย่อและลบข้อมูลแฝง เช่น ตำแหน่งที่ถ่าย ก่อนส่ง",
        "Up to 3 photos of at most 20 MB each. They are shrunk, and hidden data such as where they were taken is removed, before sending.",
    ),
    PreparingPhotos => ("กำลังเตรียมรูป…", "Preparing photos…"),
    RemovePhoto => ("นำรูปนี้ออก", "Remove this photo"),
    FieldAuthor => ("ชื่อหรือนามแฝง (ไม่บังคับ)", "Name or pseudonym (optional)"),
    FieldContact => ("อีเมลหรือหมายเลขโทรศัพท์ (ไม่บังคับ)", "E-mail or phone number (optional)"),
    ContactHint => (
        "ใช้เพื่อติดต่อกลับเท่านั้น ไม่เผยแพร่",
        "Only used to contact you; never published.",
    ),
    PrivacyNotice => ("ประกาศความเป็นส่วนตัว", "Privacy notice"),
    ConsentLabel => (
        "ฉันได้อ่านประกาศความเป็นส่วนตัวและยินยอมให้กรุงเทพมหานครเก็บและใช้ข้อมูลตามที่ระบุ",
        "I have read the privacy notice and agree that the city keeps and uses my data as it describes",
    ),
    PublishLegend => ("การเผยแพร่บนเว็บไซต์ของกรุงเทพมหานคร", "Publication on the city's website"),
    PublishLabel => (
        "อนุญาตให้กรุงเทพมหานครเผยแพร่เรื่องเล่านี้บนเว็บไซต์ หลังเจ้าหน้าที่ตรวจแล้ว (ไม่บังคับ)",
        "The city may publish this story on its website once staff have reviewed it (optional)",
    ),
    PublishHint => (
        "อีเมลหรือเบอร์โทรศัพท์จะไม่ถูกเผยแพร่ไม่ว่ากรณีใด",
        "Your e-mail or phone number is never published.",
    ),
    PublishAsLegend => ("แสดงผู้เขียนเป็น", "Show the author as"),
    PublishAsGiven => ("ชื่อที่ให้ไว้:", "The name given:"),
    PublishAsAnonymous => ("ไม่ระบุชื่อ", "Anonymous"),
    PublishAsNoName => (
        "หากต้องการให้แสดงชื่อ โปรดกรอกชื่อหรือนามแฝงด้านบน",
        "To be shown by name, fill in a name or pseudonym above.",
    ),
    PublishNameMissing => (
        "โปรดกรอกชื่อหรือนามแฝง หรือเลือกเผยแพร่โดยไม่ระบุชื่อ",
        "Please give a name or pseudonym, or choose to publish anonymously",
    ),
    Required => ("จำเป็น", "required"),
    SendStory => ("ส่งเรื่องเล่า", "Send the story"),
    Sending => ("กำลังบันทึก…", "Saving…"),
    ErrorSummaryTitle => ("โปรดแก้ไขก่อนส่ง", "Please fix these before sending"),
    DraftRestored => ("นำร่างที่คุณเขียนไว้กลับมาแล้ว", "Your unsent draft has been restored."),
    DiscardDraft => ("เริ่มใหม่", "Start over"),
    EditingRefused => ("แก้ไขเรื่องที่ยังไม่ได้รับ", "Edit a story that was not accepted"),
    ReceiverSaid => ("เหตุผลจากระบบรับเรื่อง:", "The city's system said:"),
    EditNotFound => ("ไม่พบเรื่องที่จะแก้ไข", "There is no such story to edit"),
    DeviceUnavailable => (
        "เบราว์เซอร์นี้ไม่อนุญาตให้เก็บเรื่องไว้ในเครื่อง โปรดเปิดแอปในหน้าต่างปกติ (ไม่ใช่โหมดส่วนตัว) แล้วลองอีกครั้ง",
        "This browser does not let the app keep stories on the device. Please open the app in a normal (not private) window and try again.",
    ),
    DeviceFull => (
        "พื้นที่เก็บข้อมูลในเครื่องเต็ม เรื่องของคุณยังอยู่ในแบบฟอร์ม โปรดลบรูปบางรูปหรือเพิ่มพื้นที่ว่างแล้วลองอีกครั้ง",
        "This device's storage is full. Your story is still in the form: remove a photo or free some space, then try again.",
    ),
    DeviceFailed => (
        "บันทึกเรื่องไว้ในเครื่องไม่สำเร็จ เรื่องของคุณยังอยู่ในแบบฟอร์ม โปรดลองอีกครั้ง",
        "The story could not be saved on this device. It is still in the form; please try again.",
    ),
    OutboxEmpty => ("ยังไม่มีเรื่องที่ส่งจากเครื่องนี้", "No stories have been sent from this device yet."),
    OutboxIntro => (
        "เรื่องจะอยู่ในเครื่องนี้จนกว่ากรุงเทพมหานครจะได้รับ แอปจะส่งให้เองเมื่อมีอินเทอร์เน็ต",
        "Stories stay on this device until the city has them; the app sends them by itself whenever there is a connection.",
    ),
    StoryQueued => ("รอส่ง", "Waiting to send"),
    StorySending => ("กำลังส่ง…", "Sending…"),
    StorySent => ("ส่งถึงแล้ว", "Delivered"),
    StoryRejected => ("ไม่ได้รับ", "Not accepted"),
    NextAttempt => ("จะลองส่งอีกครั้งเวลา", "Next try at"),
    SentAt => ("ได้รับเมื่อ", "Received"),
    WrittenAt => ("เขียนเมื่อ", "Written"),
    SendNow => ("ส่งตอนนี้", "Send now"),
    Withdraw => ("ถอนเรื่องนี้", "Withdraw"),
    EditAndResend => ("แก้ไขแล้วส่งใหม่", "Edit and send again"),
    KeptOnDevice => (
        "แอปนี้ตั้งค่าให้เก็บเรื่องไว้ในเครื่องเท่านั้น ยังไม่ส่งออกไป",
        "This app is set to keep stories on the device; they are not sent anywhere yet.",
    ),
    StorySaved => (
        "บันทึกเรื่องของคุณไว้ในเครื่องแล้ว แอปจะส่งให้ทันทีที่ทำได้",
        "Your story is saved on this device and will be sent as soon as possible.",
    ),
    WrittenBy => ("เล่าโดย", "Told by"),
    ShareAnother => ("เล่าอีกเรื่อง", "Share another story"),
    OfflineTitle => ("ออฟไลน์อยู่", "You are offline"),
    OfflineHelp => (
        "แอปแสดงข้อมูลที่เก็บไว้ในเครื่อง เรื่องเล่าที่ส่งจะรออยู่ในเครื่องและส่งให้เองเมื่อกลับมาออนไลน์",
        "The app shows what it keeps on this device. Stories you send wait here and go out by themselves when you are back online.",
    ),
    UpdateReady => ("มีแอปเวอร์ชันใหม่แล้ว", "A new version of the app is ready"),
    ReloadToUpdate => ("โหลดใหม่เพื่ออัปเดต", "Reload to update"),
    UpdateRefused => (
        "ข้อมูลชุดใหม่มีปัญหาและใช้ไม่ได้ จึงยังแสดงข้อมูลชุดเดิม",
        "The newest data has a problem and cannot be used, so the app still shows the data it had.",
    ),
    ContinueOnPhone => ("เปิดต่อบนมือถือ", "Continue on your phone"),
    ScanWithPhone => (
        "สแกนคิวอาร์โค้ดด้วยกล้องมือถือของคุณ เพื่อเปิดต่อบนเครื่องของคุณเอง",
        "Scan the QR code with your phone's camera to carry on on your own device.",
    ),
    QrCodeFor => ("คิวอาร์โค้ดของลิงก์", "QR code for the link"),
    QrCodeNotLoaded => (
        "ตอนนี้แสดงคิวอาร์โค้ดไม่ได้ พิมพ์ลิงก์ด้านล่างในมือถือแทนได้ หรือปิดแล้วลองเปิดใหม่",
        "The QR code cannot be shown just now. Type the link below into your phone, or close this and try again.",
    ),
    OpenOnPhone => ("เปิดบนมือถือ", "Open on your phone"),
    Close => ("ปิด", "Close"),
    KioskStillThere => ("ยังใช้งานอยู่ไหม", "Are you still there?"),
    KioskContinue => ("ใช้งานต่อ", "Continue"),
    KioskStartOver => ("เริ่มใหม่เลย", "Start over now"),
    Share => ("แชร์", "Share"),
    ShareOnLine => ("แชร์ทาง LINE", "Share on LINE"),
    ShareOnFacebook => ("แชร์ทาง Facebook", "Share on Facebook"),
    CopyLink => ("คัดลอกลิงก์", "Copy link"),
    LinkCopied => ("คัดลอกลิงก์แล้ว", "Link copied"),
    SnippetCopied => ("คัดลอกโค้ดแล้ว", "Snippet copied"),
    CopyFailed => (
        "คัดลอกไม่ได้ ลองกดค้างที่ลิงก์ในแถบที่อยู่แทน",
        "Could not copy. Press and hold the address in the address bar instead.",
    ),
    ShareThis => ("แชร์หน้านี้", "Share this page"),
    OpensElsewhere => ("(เปิดในหน้าต่างใหม่)", "(opens in a new window)"),
    DraftUnavailable => (
        "เบราว์เซอร์นี้ไม่ให้แอปเก็บฉบับร่างไว้ในหน้านี้ ยังส่งเรื่องเล่าได้ตามปกติ แต่ถ้าปิดหน้านี้ก่อนส่ง ข้อความที่พิมพ์จะหายไป",
        "This browser does not let the app keep a draft here. You can still send your story, but what you type is lost if you close this page before sending.",
    ),
    DraftDeviceFull => (
        "พื้นที่เก็บข้อมูลในเครื่องเต็ม แอปจึงเก็บฉบับร่างไว้ไม่ได้ ยังส่งเรื่องเล่าได้เมื่อมีพื้นที่ แต่ถ้าปิดหน้านี้ก่อนส่ง ข้อความที่พิมพ์จะหายไป",
        "This device's storage is full, so the app cannot keep a draft. What you type is lost if you close this page before sending.",
    ),
    SentWithoutCopy => (
        "ส่งเรื่องเล่าของคุณแล้ว เบราว์เซอร์นี้ไม่ให้แอปเก็บสำเนาไว้ จึงจะไม่ปรากฏใน \"เรื่องของฉัน\"",
        "Your story has been sent. This browser does not let the app keep a copy, so it will not appear under \"My stories\".",
    ),
    SendWithoutCopyFailed => (
        "ส่งไม่สำเร็จ และเบราว์เซอร์นี้ไม่ให้แอปเก็บเรื่องไว้ส่งภายหลัง เรื่องเล่ายังอยู่ในแบบฟอร์ม ลองส่งอีกครั้งเมื่อเชื่อมต่ออินเทอร์เน็ตได้",
        "Sending failed, and this browser does not let the app keep the story to send later. It is still in the form: try again when you are connected.",
    ),
    EmbedTitle => ("ฝังแอปในเว็บไซต์ของหน่วยงาน", "Embed the app in your website"),
    EmbedIntro => (
        "เลือกหน้าและตัวกรอง แล้วคัดลอกโค้ดไปวางในหน้าเว็บของคุณ ตัวอย่างด้านล่างแสดงผลตามที่เลือกทันที",
        "Choose a page and its filters, then copy the snippet into your web page. The preview below follows your choices.",
    ),
    EmbedPage => ("หน้าที่จะฝัง", "Page to embed"),
    EmbedAll => ("ทั้งหมด", "All"),
    EmbedLanguage => ("ภาษา", "Language"),
    EmbedHeight => ("ความสูงเริ่มต้น (พิกเซล)", "Starting height (pixels)"),
    EmbedAutoHeight => (
        "ปรับความสูงตามเนื้อหาอัตโนมัติ (เพิ่มสคริปต์สั้น ๆ ในโค้ด)",
        "Grow and shrink with the content (adds a short script to the snippet)",
    ),
    EmbedSnippet => ("โค้ดสำหรับวาง", "Snippet to paste"),
    EmbedCopy => ("คัดลอกโค้ด", "Copy the snippet"),
    EmbedPreview => ("ตัวอย่าง", "Preview"),
    EmbedOrigins => (
        "แอปจะแจ้งความสูงเฉพาะให้เว็บไซต์เหล่านี้ (กำหนดใน embed_origins ของชุดข้อมูล):",
        "The app tells its height only to these sites (set in the bundle's embed_origins):",
    ),
    EmbedNoOrigins => (
        "ชุดข้อมูลนี้ยังไม่ได้ระบุเว็บไซต์ใดใน embed_origins ความสูงจะไม่ถูกส่งออกไป",
        "This bundle lists no site in embed_origins, so the height is not sent anywhere.",
    ),
    EmbedFrameTitle => ("ข่าวสารกรุงเทพมหานคร", "Bangkok city news"),
    NavEmbed => ("ฝังในเว็บไซต์", "Embed"),
}

impl Msg {
    /// The text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (th, en) = self.pair();
        pick(lang, th, en)
    }
}

/// The kiosk's countdown: how soon it starts over for the next person.
pub fn kiosk_countdown(seconds: u32, lang: Lang) -> String {
    match lang {
        Lang::Th => format!("จะเริ่มใหม่สำหรับผู้ใช้คนถัดไปใน {seconds} วินาที สิ่งที่คุณกรอกไว้จะถูกลบ"),
        Lang::En => format!(
            "Starting over for the next person in {seconds} s. Anything you typed will be cleared."
        ),
    }
}

/// "48 views", for a view count.
pub fn views(count: u64, lang: Lang) -> String {
    match lang {
        Lang::Th => format!("เข้าชม {count} ครั้ง"),
        Lang::En if count == 1 => "1 view".to_owned(),
        Lang::En => format!("{count} views"),
    }
}

/// "52.3 MB", for a size on the device: mebibytes to the nearest tenth, counted in whole
/// numbers (no float formatting in the app's first download).
pub fn megabytes(bytes: u64) -> String {
    const MEBIBYTE: u128 = 1_048_576;
    let tenths = (u128::from(bytes) * 10 + MEBIBYTE / 2) / MEBIBYTE;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// The word after a count of news: "ข่าว", "news item" or "news items".
pub fn news_unit(count: usize, lang: Lang) -> &'static str {
    match lang {
        Lang::Th => "ข่าว",
        Lang::En if count == 1 => "news item",
        Lang::En => "news items",
    }
}

/// "3 news items", for a list's size.
pub fn news_count(count: usize, lang: Lang) -> String {
    format!("{count} {}", news_unit(count, lang))
}

/// "Showing 20 of 120", under a list that shows only its first items.
pub fn showing(shown: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Th => format!("แสดง {shown} จาก {total} ข่าว"),
        Lang::En => format!("Showing {shown} of {total}"),
    }
}

/// The notice shown when some items of the bundle were left out.
pub fn items_left_out(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Th => format!("มีข้อมูล {count} รายการที่ไม่ถูกต้องและไม่ได้แสดง"),
        Lang::En if count == 1 => "1 item had errors and is not shown".to_owned(),
        Lang::En => format!("{count} items had errors and are not shown"),
    }
}

/// The plan's period: Buddhist-era years for Thai readers, common-era years for English.
pub fn plan_period(from_be: i32, to_be: i32, lang: Lang) -> String {
    match lang {
        Lang::Th => format!("พ.ศ. {from_be}–{to_be}"),
        Lang::En => format!("{}–{}", from_be - 543, to_be - 543),
    }
}

/// A communication channel's name; a channel the app does not know is shown as written.
pub fn channel_name(channel: &str, lang: Lang) -> String {
    let known = match channel {
        "facebook" => Some(("Facebook", "Facebook")),
        "line" => Some(("LINE", "LINE")),
        "website" => Some(("เว็บไซต์", "Website")),
        "signage" => Some(("ป้ายประชาสัมพันธ์", "Signage")),
        "tiktok" => Some(("TikTok", "TikTok")),
        "radio" => Some(("วิทยุ", "Radio")),
        "community-meeting" => Some(("การประชุมชุมชน", "Community meetings")),
        _ => None,
    };
    known.map_or_else(
        || channel.to_owned(),
        |(th, en)| pick(lang, th, en).to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_thai(text: &str) -> bool {
        text.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))
    }

    #[test]
    fn a_size_on_the_device_is_read_in_megabytes_to_a_tenth() {
        assert_eq!(megabytes(0), "0.0 MB");
        assert_eq!(megabytes(52_000), "0.0 MB");
        assert_eq!(megabytes(53_000), "0.1 MB");
        assert_eq!(megabytes(1_048_576), "1.0 MB");
        assert_eq!(megabytes(54_784_000), "52.2 MB");
        assert_eq!(megabytes(10 * 1_048_576 - 1), "10.0 MB");
        assert_eq!(megabytes(u64::MAX), "17592186044416.0 MB");
    }

    #[test]
    fn a_receivers_reason_is_in_thai_only_when_it_gave_one() {
        assert_eq!(
            receiver_reason(Lang::Th, "too long", Some("ยาวเกินไป")),
            "ยาวเกินไป"
        );
        assert_eq!(receiver_reason(Lang::Th, "too long", None), "too long");
        assert_eq!(
            receiver_reason(Lang::En, "too long", Some("ยาวเกินไป")),
            "too long"
        );
    }

    #[test]
    fn every_message_is_written_in_thai_and_in_english() {
        for &msg in Msg::ALL {
            let (th, en) = msg.pair();
            assert!(has_thai(th), "{msg:?} has no Thai text: {th}");
            // English may quote the Thai name of the policy framework, nothing else.
            let english_only = !en.is_empty() && !has_thai(en);
            assert!(
                english_only || msg == Msg::PolicyDimensions,
                "{msg:?}: {en}"
            );
            assert_ne!(th, en, "{msg:?}");
        }
    }

    #[test]
    fn the_language_comes_from_the_address_then_the_saved_choice_then_the_browser() {
        type Case<'a> = (Option<&'a str>, Option<&'a str>, &'a [&'a str], Lang);
        let cases: [Case; 8] = [
            (Some("en"), Some("th"), &["th-TH"], Lang::En),
            (Some("th"), Some("en"), &["en-US"], Lang::Th),
            (Some("fr"), Some("en"), &["th"], Lang::En),
            (None, Some("en"), &["th-TH"], Lang::En),
            (None, None, &["fr-FR", "en-GB", "th"], Lang::En),
            (None, None, &["TH_th"], Lang::Th),
            (None, None, &["fr", "de"], Lang::Th),
            (None, Some(""), &[], Lang::Th),
        ];
        for (address, saved, browser, expected) in cases {
            let chosen = Lang::choose(address, saved, browser.iter().copied());
            assert_eq!(chosen, expected, "{address:?} {saved:?} {browser:?}");
        }
    }

    #[test]
    fn counts_read_naturally_in_both_languages() {
        assert_eq!(views(48, Lang::Th), "เข้าชม 48 ครั้ง");
        assert_eq!(views(48, Lang::En), "48 views");
        assert_eq!(views(1, Lang::En), "1 view");
        assert_eq!(news_count(1, Lang::En), "1 news item");
        assert_eq!(news_count(31, Lang::Th), "31 ข่าว");
        assert_eq!(
            items_left_out(2, Lang::En),
            "2 items had errors and are not shown"
        );
    }

    #[test]
    fn the_plan_period_is_shown_in_the_readers_era() {
        assert_eq!(plan_period(2566, 2570, Lang::Th), "พ.ศ. 2566–2570");
        assert_eq!(plan_period(2566, 2570, Lang::En), "2023–2027");
    }

    #[test]
    fn unknown_channels_are_shown_as_written() {
        assert_eq!(channel_name("line", Lang::En), "LINE");
        assert_eq!(channel_name("signage", Lang::Th), "ป้ายประชาสัมพันธ์");
        assert_eq!(channel_name("carrier-pigeon", Lang::Th), "carrier-pigeon");
    }
}
