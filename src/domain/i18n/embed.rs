//! The words of the embed builder, which come in its module (`embed_page` in `src/main.rs`).

messages! {
    /// A fixed string of the embed builder.
    pub enum EmbedMsg {
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
    }
}
