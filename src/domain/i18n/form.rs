//! The words of the story form and the outbox ("my stories"), which come in their module
//! (`story_pages` in `src/main.rs`) with the pages.

messages! {
    /// A fixed string of the story form or the outbox.
    pub enum FormMsg {
        FormTitle => ("เล่าเรื่องดี ๆ ของกรุงเทพฯ", "Share a good Bangkok story"),
        FormIntro => (
            "ช่องที่มีเครื่องหมาย * ต้องกรอก เรื่องของคุณจะถูกเก็บไว้ในเครื่องก่อน แล้วส่งถึงกรุงเทพมหานครเมื่อมีอินเทอร์เน็ต",
            "Fields marked * are required. Your story is kept on this device first, and reaches the city as soon as there is a connection.",
        ),
        ComplaintsPrompt => ("ต้องการแจ้งปัญหาหรือร้องเรียน?", "Want to report a problem instead?"),
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
        SendStory => ("ส่งเรื่องเล่า", "Send the story"),
        Sending => ("กำลังบันทึก…", "Saving…"),
        ErrorSummaryTitle => ("โปรดแก้ไขก่อนส่ง", "Please fix these before sending"),
        DraftRestored => ("นำร่างที่คุณเขียนไว้กลับมาแล้ว", "Your unsent draft has been restored."),
        DiscardDraft => ("เริ่มใหม่", "Start over"),
        EditingRefused => ("แก้ไขเรื่องที่ยังไม่ได้รับ", "Edit a story that was not accepted"),
        ReceiverSaid => ("เหตุผลจากระบบรับเรื่อง:", "The city's system said:"),
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
        StorySaved => (
            "บันทึกเรื่องของคุณไว้ในเครื่องแล้ว แอปจะส่งให้ทันทีที่ทำได้",
            "Your story is saved on this device and will be sent as soon as possible.",
        ),
        ShareAnother => ("เล่าอีกเรื่อง", "Share another story"),
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
    }
}
