// 56 queries a citizen or district officer might type: Thai words that sit inside running
// text, district names, several words, quoted phrases, mixed Thai and English, English.
export const QUERIES = [
  'คลอง', 'ขยะ', 'น้ำท่วม', 'สวนสาธารณะ', 'ผู้สูงอายุ', 'ลูกน้ำยุงลาย', 'ฝุ่น', 'โรงเรียน', 'ห้องสมุด',
  'ตลาดนัด', 'ทางเท้า', 'จักรยาน', 'ไฟส่องสว่าง', 'ท่อระบายน้ำ', 'เครื่องสูบน้ำ', 'หาบเร่แผงลอย', 'งบประมาณ',
  'อาสาสมัคร', 'ชุมชน', 'บัตรประชาชน', 'ต้นไม้', 'อพยพ', 'ความปลอดภัย', 'สายด่วน 1555', 'บางกอกน้อย',
  'บางกะปิ', 'จตุจักร', 'ลาดกระบัง', 'ดอนเมือง', 'คลองเตย', 'ธนบุรี', 'หนองจอก', 'สาทร', 'บางนา',
  'คลอง ขยะ', 'ผู้อำนวยการเขต บางกะปิ', '"ลอกท่อระบายน้ำ"', 'ตลาด ความปลอดภัย', 'PM2.5', 'Traffy Fondue',
  '9 ด้าน 9 ดี', 'canal', 'flood', 'park', 'pocket park', '"bicycle lane"', 'school lunch', 'street lights',
  'library', 'market', 'dengue', 'fire drill', 'Bang Kapi', 'Don Mueang', 'volunteers', 'ID cards',
];

