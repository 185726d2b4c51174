//! The words of the published stories' page, which come in its module (`stories_page` in
//! `src/main.rs`).

messages! {
    /// A fixed string of the stories' page.
    pub enum StoriesMsg {
        StoriesTitle => ("BANGKOK STORIES เรื่องเล่าดี ๆ ของคนกรุงเทพฯ", "BANGKOK STORIES: good stories from Bangkok's people"),
        StoriesIntro => (
            "เรื่องราวดี ๆ เกี่ยวกับชีวิตในเมืองที่ประชาชนเล่าให้เราฟัง",
            "Good stories about life in the city, told by the people who live it.",
        ),
        NoStoriesYet => ("ยังไม่มีเรื่องเล่าที่เผยแพร่", "No stories have been published yet."),
        WrittenBy => ("เล่าโดย", "Told by"),
    }
}
