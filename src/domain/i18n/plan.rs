//! The words of the plan's pages (the plan and a theme), which come in their module
//! (`plan_pages` in `src/main.rs`).

messages! {
    /// A fixed string of the plan's pages.
    pub enum PlanMsg {
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
    }
}
