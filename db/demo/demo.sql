-- demo.sql: demo data for iedesk, modelled on district-level integrated ("inclusive") education
-- practice in Beijing's outer districts. The towns are real places; the schools' facts, the people and
-- every record below are invented. Phone numbers and e-mail addresses are placeholders.
-- "Today" for this data set is 2026-11-24: overdue action items, inspections and findings are relative
-- to that date.
-- The loader wraps this file in one transaction; it expects a freshly migrated, empty schema.

-- Regions: 北京市 (a municipality: its districts sit under the province itself) and, for the alliance across
-- provinces below, 河北省 with 承德市. Codes are the national administrative division codes.
INSERT INTO iedesk.region (id, code, name, kind, parent_id) VALUES
	(1, '11', '北京市', 'province', NULL),
	(2, '13', '河北省', 'province', NULL),
	(3, '1308', '承德市', 'city', 2);

-- Districts: 怀柔区 (the full demo), 密云区 (a small neighbour, so lists have more than one row), and across
-- the provincial border 滦平县 (two schools, members of the alliance across provinces).
INSERT INTO iedesk.district (id, code, name, locale_class, region_id) VALUES
	(1, 'HR', '怀柔区', 'suburban', 1),
	(2, 'MY', '密云区', 'rural', 1),
	(3, 'LP', '滦平县', 'rural', 3);

-- Schools. 怀柔区: 30 open schools (18 with a resource classroom, 7 resource centers, 2 autism bases)
-- plus one archived village school merged into its town's central school.
INSERT INTO iedesk.school (id, district_id, code, name, name_en, stage, sector, locale, has_resource_classroom, is_resource_center, is_autism_base, address, phone, headteacher, archived_at) VALUES
	(1, 1, 'HR-001', '怀柔区第一小学', 'Huairou No.1 Primary School', 'primary', 'public', 'urban', true, true, false, '怀柔区青春路18号', '010-6964 1007', '李亮', NULL),  -- resource center
	(2, 1, 'HR-002', '怀柔区第二小学', 'Huairou No.2 Primary School', 'primary', 'public', 'urban', true, false, false, '怀柔区府前街9号', '010-6964 1014', '侯霞', NULL),
	(3, 1, 'HR-003', '怀柔区第三小学', 'Huairou No.3 Primary School', 'primary', 'public', 'urban', true, false, true, '怀柔区开放路36号', '010-6964 1021', '白楠', NULL),  -- autism base
	(4, 1, 'HR-004', '怀柔区第四小学', NULL, 'primary', 'public', 'urban', true, false, false, '怀柔区南华大街21号', '010-6964 1028', '黄晓梅', NULL),
	(5, 1, 'HR-005', '怀柔区第一中学', 'Huairou No.1 High School', 'senior', 'public', 'urban', false, false, false, '怀柔区迎宾北路2号', '010-6964 1035', '沈佳琪', NULL),
	(6, 1, 'HR-006', '怀柔区第二中学', 'Huairou No.2 Middle School', 'junior', 'public', 'urban', true, true, false, '怀柔区北大街15号', '010-6964 1042', '万春燕', NULL),  -- resource center
	(7, 1, 'HR-007', '怀柔区第三中学', NULL, 'junior', 'public', 'urban', true, false, false, '怀柔区富乐大街40号', '010-6964 1049', '陆俊杰', NULL),
	(8, 1, 'HR-008', '怀柔区特殊教育学校', 'Huairou Special Education School', 'special', 'public', 'urban', false, true, true, '怀柔区雁栖大街6号', '010-6964 1056', '丁春燕', NULL),  -- resource center, autism base
	(9, 1, 'HR-009', '怀柔区职业学校', 'Huairou Vocational School', 'vocational', 'public', 'urban', false, false, false, '怀柔区南华园三区1号', '010-6964 1063', '郝建军', NULL),
	(10, 1, 'HR-010', '怀柔区第一幼儿园', 'Huairou No.1 Kindergarten', 'preschool', 'public', 'urban', true, true, false, '怀柔区青春路3号', '010-6964 1070', '贺磊', NULL),  -- resource center
	(11, 1, 'HR-011', '怀柔区第二幼儿园', NULL, 'preschool', 'public', 'urban', false, false, false, '怀柔区东关二街8号', '010-6964 1077', '许志强', NULL),
	(12, 1, 'HR-012', 'Huairou Experimental School', NULL, 'nine-year', 'private', 'urban', true, false, false, '怀柔区乐园大街55号', '010-6964 1084', '傅静', NULL),
	(13, 1, 'HR-013', '北房镇中心小学', 'Beifang Town Central Primary School', 'primary', 'public', 'town', true, true, false, '北房镇政府街8号', '010-6964 1091', '孙蕾', NULL),  -- resource center
	(14, 1, 'HR-014', '北房镇中学', 'Beifang Town Middle School', 'junior', 'public', 'town', false, false, false, '北房镇北房村东', '010-6964 1098', '叶颖', NULL),
	(15, 1, 'HR-015', '杨宋镇中心小学', NULL, 'primary', 'public', 'town', true, false, false, '杨宋镇凤翔大街12号', '010-6964 1105', '蒋洋', NULL),
	(16, 1, 'HR-016', '杨宋镇中学', 'Yangsong Town Middle School', 'junior', 'public', 'town', true, true, false, '杨宋镇安乐庄村南', '010-6964 1112', '邓慧', NULL),  -- resource center
	(17, 1, 'HR-017', '庙城学校', 'Miaocheng School', 'nine-year', 'public', 'town', true, false, false, '庙城镇庙城村西', '010-6964 1119', '董琳', NULL),
	(18, 1, 'HR-018', '桥梓镇中心小学', NULL, 'primary', 'public', 'town', true, false, false, '桥梓镇桥梓村', '010-6964 1126', '秦辉', NULL),
	(19, 1, 'HR-019', '桥梓中学', 'Qiaozi Middle School', 'junior', 'public', 'town', false, false, false, '桥梓镇前茬村北', '010-6964 1133', '姜玉梅', NULL),
	(20, 1, 'HR-020', '雁栖镇中心小学', 'Yanqi Town Central Primary School', 'primary', 'public', 'town', true, false, false, '雁栖镇范各庄村', '010-6964 1140', '汪玉梅', NULL),
	(21, 1, 'HR-021', '怀北镇中心小学', NULL, 'primary', 'public', 'town', false, false, false, '怀北镇怀北庄村', '010-6964 1147', '沈静', NULL),
	(22, 1, 'HR-022', '汤河口镇中心小学', 'Tanghekou Town Central Primary School', 'primary', 'public', 'village', true, true, false, '汤河口镇汤河口村', '010-6964 1154', '白桂英', NULL),  -- resource center
	(23, 1, 'HR-023', '汤河口中学', NULL, 'junior', 'public', 'village', false, false, false, '汤河口镇后安岭村', '010-6964 1161', '孔桂兰', NULL),
	(24, 1, 'HR-024', '喇叭沟门满族乡中心小学', 'Labagoumen Manchu Township Central Primary School', 'primary', 'public', 'village', true, false, false, '喇叭沟门满族乡喇叭沟门村', '010-6964 1168', '万晨', NULL),
	(25, 1, 'HR-025', '长哨营满族乡中心小学', NULL, 'primary', 'public', 'village', false, false, false, '长哨营满族乡长哨营村', '010-6964 1175', '戴明', NULL),
	(26, 1, 'HR-026', '宝山镇中心小学', 'Baoshan Town Central Primary School', 'primary', 'public', 'village', true, false, false, '宝山镇宝山寺村', '010-6964 1182', '廖文静', NULL),
	(27, 1, 'HR-027', '琉璃庙镇中心小学', NULL, 'primary', 'public', 'village', false, false, false, '琉璃庙镇琉璃庙村', '010-6964 1189', '郑国华', NULL),
	(28, 1, 'HR-028', '九渡河镇中心小学', 'Jiuduhe Town Central Primary School', 'primary', 'public', 'village', true, false, false, '九渡河镇九渡河村', '010-6964 1196', '熊倩', NULL),
	(29, 1, 'HR-029', '渤海镇中心小学', NULL, 'primary', 'public', 'village', false, false, false, '渤海镇渤海所村', '010-6964 1203', '夏琳', NULL),
	(30, 1, 'HR-030', 'Yanqi Lake Bilingual Kindergarten', NULL, 'preschool', 'private', 'town', false, false, false, '雁栖镇雁栖湖路88号', '010-6964 1210', '曹明', NULL),
	(31, 1, 'HR-031', '渤海镇六渡河小学', NULL, 'primary', 'public', 'village', false, false, false, '渤海镇六渡河村', '010-6964 1217', '张鹏', '2025-08-31 00:00+08'),  -- merged into 渤海镇中心小学 in 2025
	(101, 2, 'MY-001', '密云区第一小学', 'Miyun No.1 Primary School', 'primary', 'public', 'urban', true, true, false, '密云区鼓楼东大街10号', '010-6904 2303', '董蕾', NULL),  -- resource center
	(102, 2, 'MY-002', '密云区特殊教育学校', 'Miyun Special Education School', 'special', 'public', 'urban', false, true, true, '密云区宾阳北街5号', '010-6904 2306', '彭志刚', NULL),  -- resource center, autism base
	(103, 2, 'MY-003', '溪翁庄镇中心小学', NULL, 'primary', 'public', 'town', true, false, false, '溪翁庄镇溪翁庄村', '010-6904 2309', '朱超', NULL),
	(104, 2, 'MY-004', '不老屯镇中学', NULL, 'junior', 'public', 'village', false, false, false, '不老屯镇不老屯村', '010-6904 2312', '田秀兰', NULL),
	(105, 2, 'MY-005', '密云区第三中学', 'Miyun No.3 High School', 'senior', 'public', 'urban', false, false, false, '密云区新南路28号', '010-6904 2315', '刘芳', NULL),
	(201, 3, 'LP-001', '滦平县第一小学', NULL, 'primary', 'public', 'urban', true, false, false, '滦平县中兴路12号', '0314-858 0101', '高振华', NULL),
	(202, 3, 'LP-002', '滦平县特殊教育学校', NULL, 'special', 'public', 'urban', false, true, false, '滦平县长山峪路3号', '0314-858 0108', '齐慧敏', NULL);  -- resource center

-- People: commission staff and inspectors (1-13), headteachers (20-49), current managers (60-85),
-- former managers (90-95), resource teachers (100-107), 密云区 managers (110-113).
INSERT INTO iedesk.person (id, name, phone, email, login_role, district_id) VALUES
	(1, '刘建国', '010-6964 0101', 'liujianguo@hr.example.org', 'hr_liujianguo', 1),  -- 区教委副主任; chairs the promotion committee
	(2, '王静', '010-6964 0112', 'wangjing@hr.example.org', 'hr_wangjing', 1),  -- 特教科; meeting secretary
	(3, '张海燕', '010-6964 0110', 'zhanghaiyan@hr.example.org', 'hr_zhanghaiyan', 1),  -- 特教科科长
	(4, '陈立新', NULL, 'chenlixin@hr.example.org', 'hr_chenlixin', 1),  -- 督学 (education inspector)
	(5, '赵丽娜', NULL, 'zhaolina@hr.example.org', 'hr_zhaolina', 1),  -- 区特殊教育中心, itinerant guidance teacher
	(6, '孙晓东', NULL, NULL, 'hr_sunxiaodong', 1),  -- 区特殊教育中心, itinerant guidance teacher
	(7, '李秀兰', NULL, 'lixiulan@hr.example.org', 'hr_lixiulan', 1),  -- 督学 (education inspector)
	(8, '周明', NULL, NULL, 'hr_zhouming', 1),  -- 区教师发展中心, special-education researcher
	(9, '杨帆', NULL, NULL, 'hr_yangfan', 1),  -- 区特殊教育中心, itinerant guidance teacher
	(10, '吴桂芳', '010-6964 0100', 'wuguifang@hr.example.org', 'hr_wuguifang', 1),  -- district administrator
	(11, '马志强', NULL, 'mazhiqiang@my.example.org', 'my_mazhiqiang', 2),  -- 密云区教委特教科
	(12, '郭红霞', NULL, NULL, 'my_guohongxia', 2),  -- 密云区 itinerant guidance teacher
	(13, '林雪梅', NULL, 'linxuemei@example.org', NULL, NULL),  -- 市特殊教育研究指导中心, expert
	(20, '李亮', NULL, NULL, NULL, 1),  -- headteacher, 怀柔区第一小学
	(21, '侯霞', NULL, NULL, NULL, 1),  -- headteacher, 怀柔区第二小学
	(22, '白楠', NULL, NULL, NULL, 1),  -- headteacher, 怀柔区第三小学
	(23, '黄晓梅', NULL, NULL, NULL, 1),  -- headteacher, 怀柔区第四小学
	(24, '沈佳琪', NULL, NULL, NULL, 1),  -- headteacher, 怀柔区第一中学
	(25, '万春燕', NULL, NULL, NULL, 1),  -- headteacher, 怀柔区第二中学
	(26, '陆俊杰', NULL, NULL, NULL, 1),  -- headteacher, 怀柔区第三中学
	(27, '丁春燕', NULL, NULL, NULL, 1),  -- headteacher, 怀柔区特殊教育学校
	(28, '郝建军', NULL, NULL, NULL, 1),  -- headteacher, 怀柔区职业学校
	(29, '贺磊', NULL, NULL, NULL, 1),  -- headteacher, 怀柔区第一幼儿园
	(30, '许志强', NULL, NULL, NULL, 1),  -- headteacher, 怀柔区第二幼儿园
	(31, '傅静', NULL, NULL, NULL, 1),  -- headteacher, Huairou Experimental School
	(32, '孙蕾', NULL, NULL, NULL, 1),  -- headteacher, 北房镇中心小学
	(33, '叶颖', NULL, NULL, NULL, 1),  -- headteacher, 北房镇中学
	(34, '蒋洋', NULL, NULL, NULL, 1),  -- headteacher, 杨宋镇中心小学
	(35, '邓慧', NULL, NULL, NULL, 1),  -- headteacher, 杨宋镇中学
	(36, '董琳', NULL, NULL, NULL, 1),  -- headteacher, 庙城学校
	(37, '秦辉', NULL, NULL, NULL, 1),  -- headteacher, 桥梓镇中心小学
	(38, '姜玉梅', NULL, NULL, NULL, 1),  -- headteacher, 桥梓中学
	(39, '汪玉梅', NULL, NULL, NULL, 1),  -- headteacher, 雁栖镇中心小学
	(40, '沈静', NULL, NULL, NULL, 1),  -- headteacher, 怀北镇中心小学
	(41, '白桂英', NULL, NULL, NULL, 1),  -- headteacher, 汤河口镇中心小学
	(42, '孔桂兰', NULL, NULL, NULL, 1),  -- headteacher, 汤河口中学
	(43, '万晨', NULL, NULL, NULL, 1),  -- headteacher, 喇叭沟门满族乡中心小学
	(44, '戴明', NULL, NULL, NULL, 1),  -- headteacher, 长哨营满族乡中心小学
	(45, '廖文静', NULL, NULL, NULL, 1),  -- headteacher, 宝山镇中心小学
	(46, '郑国华', NULL, NULL, NULL, 1),  -- headteacher, 琉璃庙镇中心小学
	(47, '熊倩', NULL, NULL, NULL, 1),  -- headteacher, 九渡河镇中心小学
	(48, '夏琳', NULL, NULL, NULL, 1),  -- headteacher, 渤海镇中心小学
	(49, '曹明', NULL, NULL, NULL, 1),  -- headteacher, Yanqi Lake Bilingual Kindergarten
	(60, '高雅琴', NULL, 'gaoyaqin@hr.example.org', 'hr_gaoyaqin', 1),  -- manager, 怀柔区第一小学
	(61, '苏金凤', NULL, NULL, NULL, 1),  -- manager, 怀柔区第二小学
	(62, '韩永红', NULL, NULL, NULL, 1),  -- manager, 怀柔区第三小学
	(63, '白英', NULL, NULL, NULL, 1),  -- manager, 怀柔区第四小学
	(64, '史欣怡', NULL, NULL, NULL, 1),  -- manager, 怀柔区第一中学
	(65, '康鹏', NULL, NULL, NULL, 1),  -- manager, 怀柔区第二中学
	(66, '于鹏', NULL, NULL, NULL, 1),  -- manager, 怀柔区第三中学 (since the October turnover)
	(67, '董佳琪', NULL, NULL, NULL, 1),  -- manager, 怀柔区特殊教育学校
	(68, '黄萍', NULL, NULL, NULL, 1),  -- manager, 怀柔区职业学校
	(69, '苏永红', NULL, NULL, NULL, 1),  -- manager, 怀柔区第一幼儿园
	(70, '康秀英', NULL, NULL, NULL, 1),  -- manager, 怀柔区第二幼儿园
	(71, '朱晨', NULL, NULL, NULL, 1),  -- manager, Huairou Experimental School
	(72, '韩志刚', NULL, NULL, 'hr_hanzhigang', 1),  -- manager, 北房镇中心小学
	(73, '武建军', NULL, NULL, NULL, 1),  -- manager, 杨宋镇中心小学
	(74, '姚振华', NULL, NULL, NULL, 1),  -- manager, 杨宋镇中学
	(75, '常秀云', NULL, NULL, NULL, 1),  -- manager, 庙城学校
	(76, '叶琳', NULL, NULL, NULL, 1),  -- manager, 桥梓镇中心小学
	(77, '王平', NULL, NULL, NULL, 1),  -- manager, 桥梓中学
	(78, '彭秀英', NULL, NULL, NULL, 1),  -- manager, 雁栖镇中心小学
	(79, '胡立新', NULL, NULL, NULL, 1),  -- manager, 怀北镇中心小学
	(80, '江志强', NULL, NULL, NULL, 1),  -- manager, 汤河口镇中心小学
	(81, '万涛', NULL, NULL, NULL, 1),  -- manager, 喇叭沟门满族乡中心小学
	(82, '邹秀兰', NULL, NULL, NULL, 1),  -- manager, 长哨营满族乡中心小学
	(83, '黄晨', NULL, NULL, NULL, 1),  -- manager, 宝山镇中心小学
	(84, '孔英', NULL, NULL, NULL, 1),  -- manager, 九渡河镇中心小学
	(85, '刘红梅', NULL, NULL, NULL, 1),  -- manager, Yanqi Lake Bilingual Kindergarten
	(90, '段欣怡', NULL, NULL, NULL, 1),  -- former manager, 怀柔区第一小学
	(91, '吴丽', NULL, NULL, NULL, 1),  -- former manager, 北房镇中心小学
	(92, '廖艳', NULL, NULL, NULL, 1),  -- former manager, 怀柔区第三中学
	(93, '于蕾', NULL, NULL, NULL, 1),  -- former manager, 北房镇中学
	(94, '雷海军', NULL, NULL, NULL, 1),  -- former manager, 汤河口中学
	(95, '白晓东', NULL, NULL, NULL, 1),  -- former manager, 渤海镇六渡河小学
	(100, '朱勇', NULL, NULL, NULL, 1),  -- resource teacher, 怀柔区第一小学
	(101, '金蕾', NULL, NULL, NULL, 1),  -- resource teacher, 怀柔区第二小学
	(102, '黄琳', NULL, NULL, NULL, 1),  -- resource teacher, 怀柔区第三小学
	(103, '彭芳', NULL, NULL, NULL, 1),  -- resource teacher, 怀柔区第二中学
	(104, '丁鹏', NULL, NULL, NULL, 1),  -- resource teacher, 北房镇中心小学
	(105, '阎娟', NULL, NULL, NULL, 1),  -- resource teacher, 杨宋镇中学
	(106, '任丽华', NULL, NULL, NULL, 1),  -- resource teacher, 汤河口镇中心小学
	(107, '汪建平', NULL, NULL, NULL, 1),  -- resource teacher, 喇叭沟门满族乡中心小学
	(110, '薛英', NULL, NULL, NULL, 2),  -- manager, 密云区第一小学
	(111, '谭桂英', NULL, NULL, NULL, 2),  -- manager, 密云区特殊教育学校
	(112, '贺玉梅', NULL, NULL, NULL, 2),  -- manager, 溪翁庄镇中心小学
	(113, '黄建平', NULL, NULL, NULL, 2);  -- manager, 不老屯镇中学

-- Manager appointments: one open appointment per school except the vacancies 北房镇中学 and 汤河口中学
-- (ended appointments, so the vacancy has a date), 琉璃庙镇中心小学 and 渤海镇中心小学 (never filled)
-- and 密云区第三中学; 怀柔区第三中学 changed manager a month ago.
INSERT INTO iedesk.manager_appointment (id, school_id, person_id, started_on, ended_on, workload) VALUES
	(1, 1, 90, '2017-09-01', '2022-08-31', 'part'),  -- retired
	(2, 13, 91, '2018-09-01', '2023-07-15', 'part'),  -- moved to 杨宋镇
	(3, 31, 95, '2019-09-01', '2025-08-31', 'part'),  -- school merged
	(4, 23, 94, '2020-03-01', '2026-02-28', 'part'),  -- vacant since 2026-03-01
	(5, 14, 93, '2021-09-01', '2026-07-15', 'part'),  -- vacant since 2026-07-16
	(6, 7, 92, '2019-09-01', '2026-10-23', 'part'),  -- turnover: left a month ago
	(7, 1, 60, '2022-09-01', NULL, 'full'),
	(8, 2, 61, '2023-09-01', NULL, 'part'),
	(9, 3, 62, '2021-09-01', NULL, 'part'),
	(10, 4, 63, '2022-09-01', NULL, 'part'),
	(11, 5, 64, '2023-09-01', NULL, 'part'),
	(12, 6, 65, '2019-09-01', NULL, 'full'),
	(13, 7, 66, '2026-10-26', NULL, 'part'),  -- new manager after the turnover
	(14, 8, 67, '2025-09-01', NULL, 'full'),
	(15, 9, 68, '2020-09-01', NULL, 'part'),
	(16, 10, 69, '2019-09-01', NULL, 'part'),
	(17, 11, 70, '2020-09-01', NULL, 'part'),
	(18, 12, 71, '2025-09-01', NULL, 'part'),
	(19, 13, 72, '2023-09-01', NULL, 'full'),
	(20, 15, 73, '2019-09-01', NULL, 'part'),
	(21, 16, 74, '2022-09-01', NULL, 'full'),
	(22, 17, 75, '2024-09-01', NULL, 'part'),
	(23, 18, 76, '2022-09-01', NULL, 'part'),
	(24, 19, 77, '2022-09-01', NULL, 'part'),
	(25, 20, 78, '2024-09-01', NULL, 'part'),
	(26, 21, 79, '2023-09-01', NULL, 'part'),
	(27, 22, 80, '2020-09-01', NULL, 'full'),
	(28, 24, 81, '2018-09-01', NULL, 'part'),
	(29, 25, 82, '2018-09-01', NULL, 'part'),
	(30, 26, 83, '2018-09-01', NULL, 'part'),
	(31, 28, 84, '2020-09-01', NULL, 'part'),
	(32, 30, 85, '2021-09-01', NULL, 'part'),
	(33, 101, 110, '2020-09-01', NULL, 'part'),
	(34, 102, 111, '2024-09-01', NULL, 'full'),
	(35, 103, 112, '2022-09-01', NULL, 'part'),
	(36, 104, 113, '2022-09-01', NULL, 'part');

-- Trainings and attendance: most managers attended at least one; the managers of schools 12, 25, 28,
-- 30 and the new manager of 怀柔区第三中学 have none (a gap the commission should see).
INSERT INTO iedesk.training (id, title, held_on, hours, provider) VALUES
	(1, '融合教育管理人员专题培训（第一期）', '2025-04-18', 16.0, '市特殊教育研究指导中心'),
	(2, '资源教室建设、运行与管理', '2025-10-11', 8.0, '怀柔区特殊教育中心'),
	(3, '孤独症儿童积极行为支持', '2026-03-20', 12.0, '怀柔区特殊教育学校'),
	(4, '个别化教育计划（IEP）的制定与实施', '2026-06-05', 6.0, '怀柔区教师发展中心');

INSERT INTO iedesk.training_attendance (id, training_id, person_id) VALUES
	(1, 1, 60),
	(2, 1, 61),
	(3, 1, 62),
	(4, 1, 65),
	(5, 1, 67),
	(6, 1, 68),
	(7, 1, 69),
	(8, 1, 74),
	(9, 1, 76),
	(10, 1, 78),
	(11, 1, 80),
	(12, 1, 81),
	(13, 1, 92),
	(14, 1, 110),
	(15, 2, 61),
	(16, 2, 62),
	(17, 2, 63),
	(18, 2, 67),
	(19, 2, 70),
	(20, 2, 72),
	(21, 2, 74),
	(22, 2, 77),
	(23, 2, 79),
	(24, 2, 80),
	(25, 2, 81),
	(26, 2, 83),
	(27, 2, 92),
	(28, 2, 100),
	(29, 2, 101),
	(30, 2, 102),
	(31, 2, 103),
	(32, 2, 104),
	(33, 2, 105),
	(34, 2, 106),
	(35, 2, 107),
	(36, 2, 112),
	(37, 3, 5),
	(38, 3, 6),
	(39, 3, 9),
	(40, 3, 60),
	(41, 3, 61),
	(42, 3, 62),
	(43, 3, 67),
	(44, 3, 70),
	(45, 3, 72),
	(46, 3, 73),
	(47, 3, 74),
	(48, 3, 75),
	(49, 3, 76),
	(50, 3, 78),
	(51, 3, 79),
	(52, 3, 80),
	(53, 3, 81),
	(54, 3, 83),
	(55, 3, 92),
	(56, 4, 5),
	(57, 4, 6),
	(58, 4, 9),
	(59, 4, 60),
	(60, 4, 61),
	(61, 4, 62),
	(62, 4, 64),
	(63, 4, 65),
	(64, 4, 67),
	(65, 4, 73),
	(66, 4, 75),
	(67, 4, 77),
	(68, 4, 78),
	(69, 4, 79),
	(70, 4, 80),
	(71, 4, 81),
	(72, 4, 83);

-- Consortia: two that bind a strong urban school to weaker town and village schools, a university
-- partnership of the special school, and one in 密云区.
INSERT INTO iedesk.consortium (id, district_id, code, name, kind, lead_school_id, founded_on, partner_kind) VALUES
	(1, 1, 'HR-EA01', '怀柔区第一小学教育集团', 'education-association', 1, '2019-09-01', NULL),
	(2, 1, 'HR-AL01', '怀柔区第二中学融合教育联盟', 'alliance', 6, '2021-03-15', NULL),
	(3, 1, 'HR-PT01', '怀柔区特殊教育学校高校实践基地', 'partnership', 8, '2023-05-20', 'university'),
	(4, 2, 'MY-EA01', '密云区第一小学教育集团', 'education-association', 101, '2020-09-01', NULL);

INSERT INTO iedesk.consortium_member (id, consortium_id, school_id, role, joined_on, left_on) VALUES
	(1, 1, 1, 'lead', '2019-09-01', NULL),
	(2, 1, 13, 'member', '2019-09-01', NULL),
	(3, 1, 24, 'member', '2019-09-01', NULL),
	(4, 1, 25, 'member', '2020-09-01', NULL),
	(5, 1, 26, 'member', '2020-09-01', NULL),
	(6, 2, 6, 'lead', '2021-03-15', NULL),
	(7, 2, 14, 'member', '2021-03-15', NULL),
	(8, 2, 16, 'member', '2021-03-15', NULL),
	(9, 2, 19, 'member', '2022-09-01', NULL),
	(10, 2, 23, 'member', '2022-09-01', NULL),
	(11, 2, 17, 'member', '2021-03-15', '2025-07-01'),  -- left when it became a nine-year school
	(12, 3, 8, 'lead', '2023-05-20', NULL),
	(13, 3, 3, 'member', '2023-05-20', NULL),
	(14, 4, 101, 'lead', '2020-09-01', NULL),
	(15, 4, 103, 'member', '2020-09-01', NULL);

INSERT INTO iedesk.shared_resource (id, consortium_id, provider_school_id, kind, description, capacity) VALUES
	(1, 1, 1, 'teacher', '巡回指导教师（资源教师）2名，每周二、周四到成员校走教，每校半天', 2),
	(2, 1, 1, 'equipment', '感觉统合训练室（悬吊、平衡、触觉器材），成员校预约使用，每次不超过12名学生', 12),
	(3, 1, 13, 'course', '沙盘游戏与心理辅导课程，面向北部成员校学生，每学期一期', 20),
	(4, 2, 6, 'course', '手语入门课程（每周一次，线下加直播），面向联盟教师和听障学生家长', 40),
	(5, 2, 6, 'teacher', '巡回指导教师1名，负责听障、视障学生学科辅导', 1),
	(6, 2, 6, 'material', '盲文教材、大字课本及盲文打字机2台，联盟内借用', 30),
	(7, 2, 16, 'equipment', '言语康复训练仪1套，联盟成员校预约使用', 1),
	(8, 3, 8, 'teacher', '高校特殊教育专业实习生驻校，每学期8名，可派往普通学校资源教室', 8),
	(9, 4, 101, 'teacher', '资源教师每周一天到溪翁庄镇中心小学走教', 1);

-- Meetings: the September 2026 work promotion conference (final, ~80 attendees), a resource-center
-- group meeting (final), a committee meeting still being recorded (draft), and one in 密云区. Final
-- minutes are read-only (0009_meeting_final.sql), so all four start as drafts and three are finalised
-- once their attendees, agenda, decisions and action items are in (after the action items below).
INSERT INTO iedesk.meeting (id, district_id, kind, title, held_on, location, chair_person_id, secretary_person_id, status, summary, finalised_at) VALUES
	(1, 1, 'work-conference', '怀柔区融合教育工作推进会', '2026-09-17', '怀柔区教师发展中心报告厅', 1, 2, 'draft', '总结2025—2026学年融合教育工作，通报资源教室建设与使用情况，交流教育集团资源共享经验，部署新学年重点工作。会议形成六项决定。', NULL),
	(2, 1, 'resource-center-group', '资源中心工作组2026年第三次例会', '2026-10-15', '怀柔区特殊教育学校会议室', 3, 8, 'draft', '落实推进会决定，研究各资源中心片区巡回指导安排和月报制度。', NULL),
	(3, 1, 'committee', '怀柔区融合教育推进委员会2026年第四次会议', '2026-11-20', '区教委301会议室', 1, 2, 'draft', NULL, NULL),
	(4, 2, 'work-conference', '密云区融合教育工作会', '2026-05-12', '密云区教委第二会议室', 11, 12, 'draft', '部署资源教室建设和巡回指导工作。', NULL);

INSERT INTO iedesk.meeting_attendee (id, meeting_id, person_id, organisation, head_count) VALUES
	(1, 1, 1, NULL, 1),
	(2, 1, 2, NULL, 1),
	(3, 1, 3, NULL, 1),
	(4, 1, 4, NULL, 1),
	(5, 1, 5, NULL, 1),
	(6, 1, 6, NULL, 1),
	(7, 1, 7, NULL, 1),
	(8, 1, 8, NULL, 1),
	(9, 1, 9, NULL, 1),
	(10, 1, 10, NULL, 1),
	(11, 1, 11, NULL, 1),
	(12, 1, 13, NULL, 1),
	(13, 1, 60, NULL, 1),
	(14, 1, 61, NULL, 1),
	(15, 1, 62, NULL, 1),
	(16, 1, 63, NULL, 1),
	(17, 1, 64, NULL, 1),
	(18, 1, 65, NULL, 1),
	(19, 1, 92, NULL, 1),
	(20, 1, 67, NULL, 1),
	(21, 1, 68, NULL, 1),
	(22, 1, 69, NULL, 1),
	(23, 1, 70, NULL, 1),
	(24, 1, 71, NULL, 1),
	(25, 1, 72, NULL, 1),
	(26, 1, 73, NULL, 1),
	(27, 1, 74, NULL, 1),
	(28, 1, 75, NULL, 1),
	(29, 1, 76, NULL, 1),
	(30, 1, 77, NULL, 1),
	(31, 1, 78, NULL, 1),
	(32, 1, 79, NULL, 1),
	(33, 1, 80, NULL, 1),
	(34, 1, 81, NULL, 1),
	(35, 1, 82, NULL, 1),
	(36, 1, 83, NULL, 1),
	(37, 1, 84, NULL, 1),
	(38, 1, 85, NULL, 1),
	(39, 1, 20, NULL, 1),
	(40, 1, 21, NULL, 1),
	(41, 1, 22, NULL, 1),
	(42, 1, 23, NULL, 1),
	(43, 1, 24, NULL, 1),
	(44, 1, 25, NULL, 1),
	(45, 1, 26, NULL, 1),
	(46, 1, 27, NULL, 1),
	(47, 1, 28, NULL, 1),
	(48, 1, 29, NULL, 1),
	(49, 1, 30, NULL, 1),
	(50, 1, 31, NULL, 1),
	(51, 1, 32, NULL, 1),
	(52, 1, 33, NULL, 1),
	(53, 1, 34, NULL, 1),
	(54, 1, 35, NULL, 1),
	(55, 1, 36, NULL, 1),
	(56, 1, 37, NULL, 1),
	(57, 1, 38, NULL, 1),
	(58, 1, 39, NULL, 1),
	(59, 1, 40, NULL, 1),
	(60, 1, 41, NULL, 1),
	(61, 1, 42, NULL, 1),
	(62, 1, 43, NULL, 1),
	(63, 1, 44, NULL, 1),
	(64, 1, 45, NULL, 1),
	(65, 1, 47, NULL, 1),
	(66, 1, 49, NULL, 1),
	(67, 1, 100, NULL, 1),
	(68, 1, 101, NULL, 1),
	(69, 1, 102, NULL, 1),
	(70, 1, 103, NULL, 1),
	(71, 1, 104, NULL, 1),
	(72, 1, 105, NULL, 1),
	(73, 1, 106, NULL, 1),
	(74, 1, 107, NULL, 1),
	(75, 1, NULL, '区特殊教育中心', 12),
	(76, 1, NULL, '区教师发展中心特教教研室', 4),
	(77, 1, NULL, '怀柔区残疾人联合会', 3),
	(78, 1, NULL, '怀柔区妇幼保健院儿童保健科', 2),
	(79, 1, NULL, '区家长委员会代表', 5),
	(80, 1, NULL, '高校特殊教育专业实习师生', 3),
	(81, 2, 3, NULL, 1),
	(82, 2, 8, NULL, 1),
	(83, 2, 5, NULL, 1),
	(84, 2, 6, NULL, 1),
	(85, 2, 9, NULL, 1),
	(86, 2, 60, NULL, 1),
	(87, 2, 65, NULL, 1),
	(88, 2, 67, NULL, 1),
	(89, 2, 69, NULL, 1),
	(90, 2, 72, NULL, 1),
	(91, 2, 74, NULL, 1),
	(92, 2, 80, NULL, 1),
	(93, 3, 1, NULL, 1),
	(94, 3, 2, NULL, 1),
	(95, 3, 3, NULL, 1),
	(96, 3, 4, NULL, 1),
	(97, 3, 7, NULL, 1),
	(98, 3, 8, NULL, 1),
	(99, 3, 10, NULL, 1),
	(100, 3, NULL, '区教育督导室', 2),
	(101, 3, NULL, '区财政局教科文科', 1),
	(102, 4, 11, NULL, 1),
	(103, 4, 12, NULL, 1),
	(104, 4, 110, NULL, 1),
	(105, 4, 111, NULL, 1),
	(106, 4, 112, NULL, 1),
	(107, 4, 113, NULL, 1),
	(108, 4, NULL, '密云区特殊教育中心', 6);

INSERT INTO iedesk.agenda_item (id, meeting_id, position, title, notes) VALUES
	(1, 1, 1, '2025—2026学年融合教育工作总结', '张海燕通报：全区18所学校建有资源教室，7个资源中心、2个孤独症教育基地运行；随班就读学生建档率明显提高。问题：4所学校融合教育管理人员空缺，北部山区学校资源教室使用率偏低。'),
	(2, 1, 2, '资源教室建设与使用情况通报', '区特殊教育中心赵丽娜通报上学年巡回指导情况：部分学校资源教室课表执行不到位、使用记录不全；建议统一使用记录模板。'),
	(3, 1, 3, '教育集团融合教育资源共享经验交流', '怀柔区第一小学教育集团介绍巡回教师走教和感统训练室共享的做法；第二中学融合教育联盟介绍手语入门课程。'),
	(4, 1, 4, '随班就读学生个别化教育计划落实要求', '林雪梅（市特殊教育研究指导中心）解读个别化教育计划的制定、实施与评估要求，强调家长参与。'),
	(5, 1, 5, '部署2026—2027学年重点工作', '刘建国讲话，提出六项决定，明确责任单位和完成时限。'),
	(6, 2, 1, '片区巡回指导安排', '各资源中心汇报片区学校分布和人员情况；北部山区路途远，需错峰安排。'),
	(7, 2, 2, '资源中心月报制度', '讨论月报内容：巡回指导次数、个案进展、设备使用。'),
	(8, 3, 1, '推进会决定落实情况', '王静汇报：12项任务中3项已完成，部分任务已超期。'),
	(9, 3, 2, '空缺学校管理人员配备', NULL),
	(10, 3, 3, '2027年融合教育经费预算', NULL),
	(11, 4, 1, '2026年融合教育工作要点', '马志强部署资源教室建设和巡回指导工作。');

INSERT INTO iedesk.decision (id, meeting_id, agenda_item_id, position, text) VALUES
	(1, 1, 1, 1, '各校于10月31日前配齐融合教育管理人员，暂无人选的学校报区教委备案。'),
	(2, 1, 2, 2, '资源教室按课表开放，建立统一使用记录，区特殊教育中心每学期检查。'),
	(3, 1, 3, 3, '两个教育集团扩大资源共享：巡回教师走教覆盖全部成员校，手语课程向全区开放。'),
	(4, 1, 4, 4, '11月30日前完成全部随班就读学生个别化教育计划的制定或复核，区特殊教育中心抽查。'),
	(5, 1, 5, 5, '孤独症教育基地面向全区开放，承担孤独症学生入学和转衔评估。'),
	(6, 1, 5, 6, '区教师发展中心将融合教育纳入全员培训，本学年完成管理人员轮训。'),
	(7, 2, 6, 1, '各资源中心本学期完成片区内学校巡回指导全覆盖。'),
	(8, 2, 7, 2, '自11月起实行资源中心月报制度。'),
	(9, 3, 8, 1, '对推进会决定落实情况开展专项督导，超期任务限期整改。');

-- Action items: relative to 2026-11-24 some are done, some overdue (due and still open or in progress).
INSERT INTO iedesk.action_item (id, decision_id, text, owner_school_id, owner_unit, due_on, status, done_on) VALUES
	(1, 1, '确定本校融合教育管理人员并报区教委备案', 14, NULL, '2026-10-31', 'open', NULL),
	(2, 1, '确定本校融合教育管理人员并报区教委备案', 23, NULL, '2026-10-31', 'open', NULL),
	(3, 1, '将融合教育管理人员纳入岗位设置和绩效考核方案', NULL, '区教委人事科', '2026-12-31', 'in-progress', NULL),
	(4, 2, '整改资源教室使用记录，按统一模板补齐本学期记录', 24, NULL, '2026-10-15', 'done', '2026-10-12'),
	(5, 2, '公示资源教室课表，配备专职资源教师', 28, NULL, '2026-11-15', 'in-progress', NULL),
	(6, 2, '制定资源教室使用记录统一模板并下发各校', NULL, '区特殊教育中心', '2026-10-10', 'done', '2026-09-30'),
	(7, 3, '巡回指导教师走教排表覆盖宝山镇、长哨营两校', 1, NULL, '2026-10-20', 'done', '2026-10-18'),
	(8, 3, '手语入门课程第二期招生向全区开放', 6, NULL, '2026-11-30', 'open', NULL),
	(9, 3, '编印教育集团共享资源手册', NULL, '区教委基础教育科', '2026-12-15', 'dropped', NULL),
	(10, 4, '组织个别化教育计划抽查，每个资源中心片区至少2所学校', NULL, '区特殊教育中心', '2026-12-15', 'open', NULL),
	(11, 4, '完成本校随班就读学生个别化教育计划复核', 16, NULL, '2026-11-20', 'open', NULL),
	(12, 5, '会同怀柔区第三小学制定孤独症学生转衔评估流程', 8, '区特殊教育中心', '2026-11-10', 'in-progress', NULL),
	(13, 6, '举办融合教育管理人员轮训，未参训人员全覆盖', NULL, '区教师发展中心', '2027-01-15', 'open', NULL),
	(14, 7, '完成北部山区四校巡回指导', 22, NULL, '2026-12-20', 'open', NULL),
	(15, 7, '完成北房片区巡回指导排表', 13, NULL, '2026-10-30', 'done', '2026-10-28'),
	(16, 8, '设计资源中心月报表并试行', NULL, '区特殊教育中心', '2026-11-05', 'done', '2026-11-03'),
	(17, 9, '制定专项督导方案，12月上旬完成对超期任务学校的督导', NULL, '区教育督导室', '2026-12-10', 'open', NULL);

-- Each secretary finalised the minutes the day after (the login recorded is the secretary's).
UPDATE iedesk.meeting m
   SET status = 'final', finalised_at = f.finalised_at,
       finalised_by = (SELECT p.login_role FROM iedesk.person p WHERE p.id = m.secretary_person_id)
  FROM (VALUES (1, timestamptz '2026-09-18 16:30+08'), (2, '2026-10-16 09:10+08'), (4, '2026-05-13 11:00+08'))
       f(id, finalised_at)
 WHERE m.id = f.id;

-- Inspections: itinerant guidance, supervision and follow-ups (of action items and of findings).
-- Overdue (still planned, planned before 2026-11-24): 8, 9, 13, 16, 17, 25.
INSERT INTO iedesk.inspection (id, school_id, kind, action_item_id, finding_id, planned_on, visited_on, inspector_person_id, status, summary, closed_on) VALUES
	(1, 24, 'itinerant-guidance', NULL, NULL, '2026-03-10', '2026-03-10', 5, 'closed', '检查资源教室运行，指导资源教师建立学生档案。', '2026-03-20'),
	(2, 28, 'supervision', NULL, NULL, '2026-04-14', '2026-04-16', 4, 'closed', '资源教室专项督导。', '2026-06-30'),
	(3, 16, 'supervision', NULL, NULL, '2026-05-20', '2026-05-21', 7, 'done', '随班就读工作督导：个别化教育计划缺失较多。', NULL),
	(4, 22, 'itinerant-guidance', NULL, NULL, '2026-06-02', '2026-06-02', 6, 'closed', '北部山区巡回指导，个案跟进。', '2026-06-15'),
	(5, 13, 'itinerant-guidance', NULL, NULL, '2026-09-08', '2026-09-08', 5, 'done', '新学期开学巡回指导。', NULL),
	(6, 24, 'follow-up', 4, NULL, '2026-10-20', '2026-10-21', 5, 'closed', '资源教室使用记录已按统一模板整改。', '2026-10-21'),
	(7, 28, 'follow-up', 5, NULL, '2026-11-16', '2026-11-17', 4, 'done', '课表仍未公示，专职资源教师尚未到岗。', NULL),
	(8, 14, 'follow-up', 1, NULL, '2026-11-05', NULL, 7, 'planned', NULL, NULL),
	(9, 23, 'follow-up', 2, NULL, '2026-11-06', NULL, 7, 'planned', NULL, NULL),
	(10, 16, 'follow-up', 11, NULL, '2026-11-25', NULL, 4, 'planned', NULL, NULL),
	(12, 1, 'follow-up', 7, NULL, '2026-10-25', '2026-10-24', 4, 'closed', '走教排表已覆盖宝山镇、长哨营，已提前核实。', '2026-10-30'),
	(13, 8, 'follow-up', 12, NULL, '2026-11-12', NULL, 4, 'planned', NULL, NULL),
	(14, 25, 'itinerant-guidance', NULL, NULL, '2026-10-13', '2026-10-13', 6, 'done', '长哨营满族乡中心小学巡回指导。', NULL),
	(15, 26, 'itinerant-guidance', NULL, NULL, '2026-10-14', '2026-10-14', 6, 'closed', '资源教室运行良好。', '2026-10-20'),
	(16, 27, 'itinerant-guidance', NULL, NULL, '2026-11-03', NULL, 6, 'planned', NULL, NULL),
	(17, 29, 'itinerant-guidance', NULL, NULL, '2026-11-10', NULL, 9, 'planned', NULL, NULL),
	(18, 20, 'itinerant-guidance', NULL, NULL, '2026-11-18', '2026-11-18', 9, 'done', '未发现问题。', NULL),
	(19, 18, 'supervision', NULL, NULL, '2026-11-26', NULL, 7, 'planned', NULL, NULL),
	(20, 12, 'supervision', NULL, NULL, '2026-12-03', NULL, 4, 'planned', NULL, NULL),
	(21, 3, 'itinerant-guidance', NULL, NULL, '2026-12-01', NULL, 5, 'planned', NULL, NULL),
	(22, 17, 'itinerant-guidance', NULL, NULL, '2026-10-28', '2026-10-29', 9, 'done', '感统器材使用指导。', NULL),
	(23, 15, 'supervision', NULL, NULL, '2026-09-29', '2026-09-29', 7, 'closed', '开学督导。', '2026-10-09'),
	(24, 10, 'itinerant-guidance', NULL, NULL, '2026-11-20', '2026-11-20', 5, 'done', '学前融合教育巡回指导，新增1名疑似孤独症幼儿。', NULL),
	(25, 19, 'supervision', NULL, NULL, '2026-11-19', NULL, 4, 'planned', NULL, NULL),
	(26, 103, 'itinerant-guidance', NULL, NULL, '2026-11-11', '2026-11-11', 12, 'done', '密云区溪翁庄镇中心小学巡回指导。', NULL);

-- Findings: some resolved, some open and past due (3, 7; 6 is inserted after its follow-up).
INSERT INTO iedesk.finding (id, inspection_id, severity, text, due_on, resolved_on) VALUES
	(1, 2, 'medium', '资源教室课表未张贴，使用记录缺失。', '2026-05-31', '2026-05-28'),
	(2, 2, 'low', '资源教室器材未登记入账。', '2026-06-30', '2026-06-20'),
	(3, 3, 'high', '5名随班就读学生中3名未制定个别化教育计划。', '2026-09-30', NULL),
	(4, 5, 'low', '学生档案未按新模板整理。', '2026-10-15', '2026-10-10'),
	(5, 7, 'medium', '资源教师仍为兼职，资源教室课表未公示。', '2026-12-15', NULL),
	(7, 14, 'medium', '学校无资源教室，3名随班就读学生未建立档案。', '2026-11-10', NULL),
	(8, 14, 'low', '融合教育管理人员未参加区级培训。', '2027-01-15', NULL),
	(9, 22, 'low', '感统器材缺少安全使用说明。', '2026-11-15', '2026-11-10'),
	(10, 23, 'low', '资源教室课表与实际不一致。', '2026-10-20', '2026-10-08');

-- Follow-ups of findings (they reference the findings above).
INSERT INTO iedesk.inspection (id, school_id, kind, action_item_id, finding_id, planned_on, visited_on, inspector_person_id, status, summary, closed_on) VALUES
	(11, 16, 'follow-up', NULL, 3, '2026-10-15', '2026-10-16', 7, 'done', '复查个别化教育计划整改情况，仍未完成。', NULL),
	(27, 25, 'follow-up', NULL, 7, '2026-11-27', NULL, 6, 'planned', NULL, NULL);

INSERT INTO iedesk.finding (id, inspection_id, severity, text, due_on, resolved_on) VALUES
	(6, 11, 'high', '复查：仍有2名学生个别化教育计划未完成，家长未参与评估。', '2026-11-20', NULL);

-- Student cases: pseudonymous codes only (no names, no birth dates), at every stage of the cycle as on
-- 2026-11-24: referrals (9 waits for the parents' answer, 12 for its assessment), assessed cases waiting
-- for a decision (2, 4, 11), eligible cases with a first IEP being written (8), final IEPs with goals,
-- services and sessions (1, 3, 5 in its second version, 6 waiting for consent, 7, 10, 13, 14), an IEP
-- review overdue (5) and one due (3), and a transfer to 密云区 waiting to be accepted (14).
INSERT INTO iedesk.student_case (id, school_id, code, need_category, identification_status, placement, iep_review_due,
		referred_on, referred_by, referral_reason, tried_first, parents_informed_on, parents_answer, parents_answer_on,
		decided_on, decided_by) VALUES
	(1, 1, 'HR-2026-0001', 'autism', 'confirmed', 'resource-classroom', '2027-01-15', '2026-03-02', 'class-teacher',
		'课堂上难以安坐，与同学交往困难', '调整座位，课间由同伴陪伴', '2026-03-05', 'agreed', '2026-03-09', '2026-05-20', '区特殊教育中心评估组'),
	(2, 1, 'HR-2026-0002', 'learning', 'assessed', 'regular-class', NULL, '2026-09-14', 'class-teacher',
		'语文、数学成绩持续落后，读写困难', '课后辅导一学期', '2026-09-16', 'agreed', '2026-09-18', NULL, NULL),
	(3, 3, 'HR-2026-0003', 'autism', 'confirmed', 'resource-classroom', '2026-11-30', '2025-10-08', 'parent',
		'家长反映语言发育迟缓', NULL, '2025-10-08', 'agreed', '2025-10-08', '2025-12-10', '区特殊教育中心评估组'),
	(4, 3, 'HR-2026-0004', 'autism', 'assessed', 'regular-class', NULL, '2026-09-02', 'screening',
		'入学筛查提示社会交往异常', NULL, '2026-09-04', 'agreed', '2026-09-07', NULL, NULL),
	(5, 13, 'HR-2026-0005', 'intellectual', 'confirmed', 'resource-classroom', '2026-11-15', '2024-09-10', 'class-teacher',
		'学习进度明显慢于同龄学生', '分层作业', '2024-09-12', 'agreed', '2024-09-13', '2024-11-05', '区特殊教育中心评估组'),
	(6, 16, 'HR-2026-0006', 'hearing', 'confirmed', 'regular-class', NULL, '2026-04-01', 'doctor',
		'医院诊断中度听力损失，已配助听器', NULL, '2026-04-03', 'agreed', '2026-04-03', '2026-06-10', '区特殊教育中心评估组'),
	(7, 16, 'HR-2026-0007', 'intellectual', 'confirmed', 'resource-classroom', '2027-04-30', '2025-09-05', 'class-teacher',
		'理解和记忆困难', '个别辅导', '2025-09-08', 'agreed', '2025-09-10', '2025-11-12', '区特殊教育中心评估组'),
	(8, 24, 'HR-2026-0008', 'physical', 'confirmed', 'regular-class', NULL, '2026-09-03', 'parent',
		'脑瘫，行走需辅助', NULL, '2026-09-03', 'agreed', '2026-09-03', '2026-11-10', '区特殊教育中心评估组'),
	(9, 25, 'HR-2026-0009', 'learning', 'suspected', 'regular-class', NULL, '2026-11-18', 'class-teacher',
		'书写困难，抄写错误多', '放大练习格，延长作业时间', '2026-11-19', 'pending', NULL, NULL, NULL),
	(10, 8, 'HR-2026-0010', 'multiple', 'confirmed', 'special-class', '2027-01-10', '2025-03-01', 'doctor',
		'视力与智力多重障碍', NULL, '2025-03-02', 'agreed', '2025-03-02', '2025-05-08', '区特殊教育中心评估组'),
	(11, 28, 'HR-2026-0011', 'speech', 'assessed', 'resource-classroom', NULL, '2026-09-21', 'class-teacher',
		'口吃，回答问题回避', NULL, '2026-09-22', 'agreed', '2026-09-25', NULL, NULL),
	(12, 10, 'HR-2026-0012', 'autism', 'suspected', 'regular-class', NULL, '2026-11-02', 'screening',
		'幼小衔接筛查提示刻板行为', NULL, '2026-11-03', 'agreed', '2026-11-06', NULL, NULL),
	(13, 6, 'HR-2025-0031', 'visual', 'confirmed', 'regular-class', '2026-12-01', '2025-02-20', 'doctor',
		'低视力', '前排座位', '2025-02-21', 'agreed', '2025-02-21', '2025-04-15', '区特殊教育中心评估组'),
	(14, 22, 'HR-2025-0047', 'multiple', 'confirmed', 'home-based', '2026-12-15', '2025-05-06', 'parent',
		'重度肢体与智力障碍，无法到校', NULL, '2025-05-06', 'agreed', '2025-05-06', '2025-06-20', '区特殊教育中心评估组'),
	(15, 101, 'MY-2026-0001', 'autism', 'confirmed', 'resource-classroom', '2027-01-20', '2026-02-10', 'parent',
		'语言与社交发展迟缓', NULL, '2026-02-10', 'agreed', '2026-02-10', '2026-04-15', '密云区特殊教育中心评估组'),
	(16, 103, 'MY-2026-0002', 'hearing', 'assessed', 'regular-class', NULL, '2026-09-08', 'doctor',
		'听力筛查未通过', NULL, '2026-09-09', 'agreed', '2026-09-10', NULL, NULL);

INSERT INTO iedesk.case_assessment (case_id, kind, assessed_on, assessor, result, notes) VALUES
	(1, 'psychological', '2026-04-15', '区特殊教育中心评估组', '符合孤独症谱系障碍诊断标准', '建议资源教室支持'),
	(1, 'speech-language', '2026-04-22', '区特殊教育中心评估组', '语用能力明显落后', NULL),
	(2, 'academic', '2026-10-20', '区特殊教育中心评估组', '读写能力相当于低两个年级', NULL),
	(3, 'psychological', '2025-11-20', '区特殊教育中心评估组', '孤独症谱系障碍', NULL),
	(4, 'behavioural', '2026-10-12', '区特殊教育中心评估组', '社会交往评分低于常模', '建议进一步医学诊断'),
	(5, 'psychological', '2024-10-16', '区特殊教育中心评估组', '轻度智力障碍', NULL),
	(6, 'hearing-test', '2026-05-12', '区特殊教育中心评估组', '双耳中度听力损失', '建议前排座位与 FM 系统'),
	(7, 'psychological', '2025-10-20', '区特殊教育中心评估组', '轻度智力障碍', NULL),
	(8, 'medical', '2026-10-15', '区特殊教育中心评估组', '痉挛型脑瘫，粗大运动受限', NULL),
	(10, 'vision', '2025-04-10', '区特殊教育中心评估组', '低视力', NULL),
	(10, 'psychological', '2025-04-12', '区特殊教育中心评估组', '中度智力障碍', NULL),
	(11, 'speech-language', '2026-10-28', '区特殊教育中心评估组', '中度口吃', NULL),
	(13, 'vision', '2025-03-25', '区特殊教育中心评估组', '矫正视力 0.1', NULL),
	(14, 'medical', '2025-06-02', '区特殊教育中心评估组', '重度多重障碍', '建议送教上门'),
	(15, 'psychological', '2026-03-20', '密云区特殊教育中心评估组', '孤独症谱系障碍', NULL),
	(16, 'hearing-test', '2026-10-08', '密云区特殊教育中心评估组', '单耳重度听力损失', NULL);

INSERT INTO iedesk.case_placement (case_id, school_id, placement, hours_per_week, started_on, note) VALUES
	(1, 1, 'regular-class', NULL, '2026-03-02', NULL),
	(1, 1, 'resource-classroom', 4, '2026-06-01', '认定后每周资源教室4课时'),
	(2, 1, 'regular-class', NULL, '2026-09-14', NULL),
	(3, 3, 'resource-classroom', 3, '2026-01-05', NULL),
	(4, 3, 'regular-class', NULL, '2026-09-02', NULL),
	(5, 13, 'resource-classroom', 3, '2024-11-20', NULL),
	(6, 16, 'regular-class', NULL, '2026-06-15', NULL),
	(7, 16, 'resource-classroom', 2, '2025-12-01', NULL),
	(8, 24, 'regular-class', NULL, '2026-09-03', NULL),
	(9, 25, 'regular-class', NULL, '2026-11-18', NULL),
	(10, 8, 'special-class', NULL, '2025-06-01', NULL),
	(11, 28, 'resource-classroom', 2, '2026-10-10', NULL),
	(12, 10, 'regular-class', NULL, '2026-11-02', NULL),
	(13, 6, 'regular-class', NULL, '2025-05-01', NULL),
	(14, 22, 'home-based', NULL, '2025-07-01', '每周送教上门两次'),
	(15, 101, 'resource-classroom', 3, '2026-05-01', NULL),
	(16, 103, 'regular-class', NULL, '2026-09-08', NULL);

-- IEPs are written as drafts with their parts, then made final (the number, who and when).
CREATE TEMP TABLE demo_iep AS SELECT * FROM (VALUES
	(1, 1, '2026-09-01', '2027-07-15', '2027-01-15', '能用短句表达需求；课堂上可安坐约10分钟；喜欢拼图。', 'given', '2026-09-08'),
	(2, 3, '2026-01-05', '2026-07-15', '2026-05-30', '能跟随视觉日程完成常规活动。', 'given', '2026-01-12'),
	(3, 3, '2026-09-01', '2027-07-15', '2026-11-30', '能用简单句回答问题；集体活动中仍需提示。', 'given', '2026-09-10'),
	(4, 5, '2024-12-01', '2025-11-30', '2025-06-30', '能认读常用汉字约300个；10以内加减需实物。', 'given', '2024-12-05'),
	(5, 5, '2025-12-01', '2026-11-30', '2026-11-15', '能认读常用汉字约600个；20以内加减基本掌握。', 'given', '2025-12-08'),
	(6, 6, '2026-09-01', '2027-07-15', '2027-03-01', '佩戴助听器后能听清前排讲课；朗读时有发音错误。', 'asked', '2026-11-20'),
	(7, 7, '2025-12-01', '2026-11-30', '2026-04-30', '能完成一步指令；数学需具体操作。', 'given', '2025-12-04'),
	(8, 10, '2026-09-01', '2027-07-15', '2027-01-10', '需大字教材；生活自理基本独立。', 'given', '2026-09-03'),
	(9, 13, '2026-09-01', '2027-07-15', '2026-12-01', '使用放大镜阅读；书写字迹偏大。', 'given', '2026-09-05'),
	(10, 14, '2026-09-01', '2027-07-15', '2026-12-15', '能用手势表达喜好；需全程照护。', 'given', '2026-09-02'),
	(11, 8, '2026-12-01', '2027-07-15', '2027-03-15', '上下楼梯需扶手与陪同；书写速度慢。', 'not-asked', NULL)) v (id, case_id, starts_on, ends_on, review_on, present_levels, consent, consent_on);

CREATE TEMP TABLE demo_iep_member AS SELECT * FROM (VALUES
	(1, 'case-worker', '张海燕'), (1, 'class-teacher', '班主任'), (1, 'resource-teacher', '朱勇'), (1, 'parent', '家长'),
	(1, 'itinerant-teacher', '区特殊教育中心巡回指导教师'),
	(2, 'case-worker', '张海燕'), (2, 'resource-teacher', '黄琳'), (2, 'parent', '家长'),
	(3, 'case-worker', '张海燕'), (3, 'resource-teacher', '黄琳'), (3, 'parent', '家长'), (3, 'therapist', '言语治疗师'),
	(4, 'case-worker', '张海燕'), (4, 'resource-teacher', '丁鹏'), (4, 'parent', '家长'),
	(5, 'case-worker', '张海燕'), (5, 'resource-teacher', '丁鹏'), (5, 'parent', '家长'),
	(6, 'case-worker', '张海燕'), (6, 'class-teacher', '班主任'), (6, 'resource-teacher', '阎娟'), (6, 'parent', '家长'),
	(7, 'case-worker', '张海燕'), (7, 'resource-teacher', '阎娟'), (7, 'parent', '家长'),
	(8, 'case-worker', '张海燕'), (8, 'class-teacher', '特教班班主任'), (8, 'parent', '家长'),
	(9, 'case-worker', '张海燕'), (9, 'class-teacher', '班主任'), (9, 'parent', '家长'),
	(10, 'case-worker', '张海燕'), (10, 'itinerant-teacher', '送教上门教师'), (10, 'parent', '家长'),
	(11, 'case-worker', '张海燕'), (11, 'class-teacher', '班主任'), (11, 'parent', '家长')) v (iep_id, role, name);

CREATE TEMP TABLE demo_iep_goal AS SELECT * FROM (VALUES
	(1, 1, 'communication', '能在课堂上用完整句子向老师提出请求'),
	(2, 1, 'social', '能与同伴轮流进行游戏'),
	(3, 2, 'behaviour', '能按视觉日程过渡到下一活动'),
	(4, 3, 'communication', '能在小组讨论中回答开放性问题'),
	(5, 4, 'academic', '认读常用汉字达到500个'),
	(6, 5, 'academic', '掌握20以内进位加法'),
	(7, 6, 'communication', '朗读课文时发音清晰'),
	(8, 7, 'academic', '能完成两步应用题'),
	(9, 8, 'self-care', '独立整理书包与个人物品'),
	(10, 9, 'academic', '使用助视器独立完成阅读作业'),
	(11, 10, 'motor', '能在辅助下握勺进食'),
	(12, 11, 'motor', '能独立使用扶手上下楼梯')) v (id, iep_id, area, goal);

CREATE TEMP TABLE demo_iep_objective AS SELECT * FROM (VALUES
	(1, '用“我想要……”句式提出请求', '连续两周每天至少3次，无需提示', '2026-12-31'),
	(1, '举手等待老师点名后再说话', '5次中有4次做到', '2027-03-31'),
	(2, '在结构化游戏中等待轮次', '10分钟游戏中不离开', '2027-01-31'),
	(3, '看到日程卡后2分钟内开始下一活动', '一周5天中4天做到', '2026-04-30'),
	(4, '用“因为……所以……”回答问题', '每节课至少1次', '2027-01-31'),
	(5, '每周新认读20个字', '月末测验正确率80%', '2025-06-30'),
	(6, '用凑十法计算进位加法', '20题正确率80%', '2026-06-30'),
	(7, '朗读一段课文，声母发音正确', '正确率90%', '2027-01-31'),
	(8, '画图表示两步应用题的数量关系', '10题中做对7题', '2026-06-30'),
	(9, '放学前按清单整理书包', '一周5天中4天独立完成', '2026-01-10'),
	(10, '用放大镜阅读一页课文', '10分钟内读完', '2026-06-30'),
	(11, '握住加粗勺柄舀起食物', '每餐3次以上', '2026-06-30'),
	(12, '扶扶手独立上一层楼', '每天上学时做到', '2027-03-15')) v (goal_id, objective, measure, target_on);

CREATE TEMP TABLE demo_iep_accommodation AS SELECT * FROM (VALUES
	(1, 'seating', '座位靠近讲台，远离门窗'), (1, 'exams', '单独考场，延长时间20分钟'),
	(3, 'materials', '视觉提示卡与图片日程'),
	(5, 'exams', '试卷题量减半'),
	(6, 'seating', '前排座位'), (6, 'assistive-device', '助听器与 FM 调频系统'),
	(9, 'materials', '大字课本'), (9, 'assistive-device', '手持放大镜'),
	(11, 'seating', '教室安排在一楼，座位靠门')) v (iep_id, kind, detail);

CREATE TEMP TABLE demo_iep_service AS SELECT * FROM (VALUES
	(1, 'resource-classroom', '朱勇', 4, 40), (1, 'speech-therapy', '区特殊教育中心', 1, 30),
	(1, 'itinerant-guidance', '区特殊教育中心巡回指导教师', 1, 45),
	(3, 'resource-classroom', '黄琳', 3, 40), (3, 'speech-therapy', '言语治疗师', 1, 30),
	(5, 'resource-classroom', '丁鹏', 3, 40),
	(6, 'itinerant-guidance', '区特殊教育中心巡回指导教师', 1, 45),
	(7, 'resource-classroom', '阎娟', 2, 40),
	(8, 'resource-classroom', '特教班班主任', 5, 40),
	(9, 'itinerant-guidance', '区特殊教育中心巡回指导教师', 1, 45),
	(10, 'other', '送教上门教师', 2, 90)) v (iep_id, kind, provider, sessions_per_week, minutes);


CREATE TEMP TABLE demo_iep_final AS SELECT * FROM (VALUES (1, 1, timestamptz '2026-09-05 10:00+08'), (2, 1, '2026-01-08 10:00+08'), (3, 2, '2026-09-06 10:00+08'),
               (4, 1, '2024-12-02 10:00+08'), (5, 2, '2025-12-03 10:00+08'), (6, 1, '2026-11-20 15:00+08'),
               (7, 1, '2025-12-02 10:00+08'), (8, 1, '2026-09-02 10:00+08'), (9, 1, '2026-09-03 10:00+08'),
               (10, 1, '2026-09-01 10:00+08')) v (id, number, at);

-- Earlier versions first (a case has one draft at a time), then the current ones.
CREATE TEMP TABLE demo_phase (iep_id int, phase int);
INSERT INTO demo_phase SELECT id, CASE WHEN id IN (2, 4) THEN 1 ELSE 2 END FROM demo_iep;
DO $$
DECLARE
	k int;
BEGIN
	FOR k IN 1..2 LOOP
		INSERT INTO iedesk.iep (id, case_id, starts_on, ends_on, review_on, present_levels, consent, consent_on)
		SELECT d.id, d.case_id, d.starts_on::date, d.ends_on::date, d.review_on::date, d.present_levels, d.consent,
		       d.consent_on::date
		  FROM demo_iep d JOIN demo_phase p ON p.iep_id = d.id WHERE p.phase = k ORDER BY d.id;
		INSERT INTO iedesk.iep_member (iep_id, role, name)
		SELECT d.iep_id, d.role, d.name FROM demo_iep_member d JOIN demo_phase p USING (iep_id) WHERE p.phase = k;
		INSERT INTO iedesk.iep_goal (id, iep_id, area, goal)
		SELECT d.id, d.iep_id, d.area, d.goal FROM demo_iep_goal d JOIN demo_phase p USING (iep_id) WHERE p.phase = k
		 ORDER BY d.id;
		INSERT INTO iedesk.iep_objective (goal_id, objective, measure, target_on)
		SELECT o.goal_id, o.objective, o.measure, o.target_on::date FROM demo_iep_objective o
		  JOIN demo_iep_goal g ON g.id = o.goal_id JOIN demo_phase p USING (iep_id) WHERE p.phase = k;
		INSERT INTO iedesk.iep_accommodation (iep_id, kind, detail)
		SELECT d.iep_id, d.kind, d.detail FROM demo_iep_accommodation d JOIN demo_phase p USING (iep_id) WHERE p.phase = k;
		INSERT INTO iedesk.iep_service (iep_id, kind, provider, sessions_per_week, minutes)
		SELECT d.iep_id, d.kind, d.provider, d.sessions_per_week, d.minutes FROM demo_iep_service d
		  JOIN demo_phase p USING (iep_id) WHERE p.phase = k;
		UPDATE iedesk.iep i SET status = 'final', number = f.number, finalised_at = f.at,
		       finalised_by = 'hr_zhanghaiyan'
		  FROM demo_iep_final f JOIN demo_phase p ON p.iep_id = f.id
		 WHERE i.id = f.id AND p.phase = k;
	END LOOP;
END
$$;
DROP TABLE demo_iep, demo_iep_member, demo_iep_goal, demo_iep_objective, demo_iep_accommodation, demo_iep_service,
	demo_iep_final, demo_phase;

INSERT INTO iedesk.case_session (case_id, held_on, kind, provider, minutes, goal_id, note) VALUES
	(1, '2026-11-04', 'resource-classroom', '朱勇', 40, 1, '练习请求句式，提示下完成5次'),
	(1, '2026-11-11', 'resource-classroom', '朱勇', 40, 1, '无提示完成2次'),
	(1, '2026-11-13', 'speech-therapy', '区特殊教育中心', 30, 1, NULL),
	(1, '2026-11-18', 'resource-classroom', '朱勇', 40, 2, '轮流搭积木，坚持8分钟'),
	(3, '2026-11-10', 'resource-classroom', '黄琳', 40, 4, NULL),
	(5, '2026-11-12', 'resource-classroom', '丁鹏', 40, 6, NULL),
	(6, '2026-11-16', 'itinerant-guidance', '区特殊教育中心巡回指导教师', 45, 7, '指导班主任使用 FM 系统'),
	(14, '2026-11-17', 'other', '送教上门教师', 90, 11, NULL);

INSERT INTO iedesk.case_progress (case_id, goal_id, noted_on, rating, next_steps) VALUES
	(1, 1, '2026-11-20', 'on-track', '减少提示，增加到每天5次'),
	(1, 2, '2026-11-20', 'concern', '游戏时间由5分钟起逐步延长'),
	(5, 6, '2026-11-12', 'achieved', '下一版计划转向退位减法'),
	(7, 8, '2026-04-30', 'on-track', NULL);

INSERT INTO iedesk.case_contact (case_id, contacted_on, with_whom, how, agreed) VALUES
	(1, '2026-09-08', '母亲', 'meeting', '家长同意个别化教育计划，在家练习请求句式'),
	(1, '2026-11-20', '母亲', 'phone', '反馈进展，约定学期末复查'),
	(9, '2026-11-19', '父亲', 'meeting', '说明转介原因，家长需与家人商量后答复'),
	(14, '2026-11-05', '母亲', 'home-visit', '家庭将迁往密云区，同意办理转衔');

INSERT INTO iedesk.case_review (case_id, kind, held_on, outcome) VALUES
	(3, 'iep-review', '2026-05-28', '目标基本达成，修订为第2版'),
	(5, 'iep-review', '2025-06-27', '进展良好，保持服务'),
	(7, 'iep-review', '2026-04-28', '进展良好，下学期延续目标');

INSERT INTO iedesk.case_transfer (case_id, to_school_id, requested_on, note) VALUES
	(14, 101, '2026-11-10', '家庭迁居密云区，送教上门需由密云区继续');

-- ---------------------------------------------------------------------------------------------------
-- Beyond one district (0031): partners that are not schools, an alliance across provinces led by a
-- university's centre, 怀柔区第一小学's home-school alliance with its parent committee, partnerships, and
-- the year's activities.

INSERT INTO iedesk.partner (id, code, name, kind, district_id, contact_name, contact_phone, contact_email, address, notes) VALUES
	(1, 'P-UNI01', '首都师范大学融合教育研究中心', 'university', NULL, '韩雪梅', '010-6890 0101', 'hanxuemei@uni.example.edu', '海淀区西三环北路105号', '教师培训、课程开发与融合教育研究'),
	(2, 'P-HR-PC01', '怀柔区第一小学家长委员会', 'parent-committee', 1, '钱慧', '139 0000 0101', NULL, NULL, '每学期改选一次'),
	(3, 'P-HR-COM01', '泉河街道社区服务中心', 'community', 1, '马晓红', '010-6964 2201', NULL, '怀柔区青春路8号', '社区志愿者与融合开放日'),
	(4, 'P-HR-BIZ01', '雁栖康复器材有限公司', 'business', 1, '邓凯', '010-6964 3301', 'dengkai@biz.example.com', '怀柔区雁栖经济开发区', '实习岗位与康复器材'),
	(5, 'P-NGO01', '京北心智障碍者家庭支持中心', 'ngo', NULL, '罗佳', '010-6964 4401', 'luojia@ngo.example.org', NULL, '家长培训与志愿者'),
	(6, 'P-MY-GOV01', '密云区残疾人联合会', 'government', 2, '冯志强', '010-6904 5501', NULL, '密云区鼓楼南大街2号', '随班就读学生辅具与经费');

INSERT INTO iedesk.consortium (id, district_id, code, name, kind, lead_school_id, lead_partner_id, founded_on, partner_kind) VALUES
	(5, NULL, 'JJ-AL01', '京冀融合教育协作联盟', 'alliance', NULL, 1, '2024-09-01', NULL),
	(6, 1, 'HR-HS01', '怀柔区第一小学家校共育联盟', 'home-school-alliance', 1, NULL, '2022-09-01', NULL);

INSERT INTO iedesk.consortium_member (id, consortium_id, school_id, role, joined_on, left_on) VALUES
	(16, 5, 8, 'member', '2024-09-01', NULL),
	(17, 5, 6, 'member', '2024-09-01', NULL),
	(18, 5, 102, 'member', '2024-09-01', NULL),
	(19, 5, 201, 'member', '2025-03-01', NULL),
	(20, 5, 202, 'member', '2025-03-01', NULL),
	(21, 6, 1, 'lead', '2022-09-01', NULL);

INSERT INTO iedesk.shared_resource (id, consortium_id, provider_school_id, kind, description, capacity) VALUES
	(10, 5, 102, 'teacher', '孤独症教育骨干教师2名，每学期到滦平县特殊教育学校驻校指导两周', 2),
	(11, 5, 8, 'course', '融合教育资源教师线上课程（每月一讲），联盟各校教师参加', 120),
	(12, 5, 202, 'material', '送教上门教具箱5套，联盟内借用', 5);

-- The parent committee: parents of 怀柔区第一小学 (persons of 怀柔区, kept as people are).
INSERT INTO iedesk.person (id, name, phone, email, login_role, district_id) VALUES
	(120, '钱慧', '139 0000 0101', NULL, NULL, 1),  -- parent, chair of the parent committee
	(121, '孔令伟', NULL, NULL, NULL, 1),  -- parent
	(122, '曾晓燕', NULL, NULL, NULL, 1),  -- parent
	(123, '严志刚', NULL, NULL, NULL, 1);  -- parent volunteer

INSERT INTO iedesk.committee_member (id, consortium_id, person_id, role, joined_on, left_on) VALUES
	(1, 6, 120, 'chair', '2024-09-01', NULL),
	(2, 6, 121, 'member', '2024-09-01', NULL),
	(3, 6, 122, 'member', '2025-09-01', NULL),
	(4, 6, 123, 'volunteer', '2025-09-01', NULL);

INSERT INTO iedesk.partnership (id, partner_id, school_id, consortium_id, brings_funding, brings_internships,
	brings_mentoring, brings_volunteers, brings_training, brings_research, brings_equipment, from_on, to_on, status, notes) VALUES
	(1, 1, NULL, 5, false, false, false, false, true, true, false, '2024-09-01', NULL, 'active', '联盟的牵头单位：联合培训与课题研究'),
	(2, 3, 1, NULL, false, false, false, true, false, false, false, '2025-03-01', NULL, 'active', '社区志愿者每周三下午到资源教室'),
	(3, 4, 8, NULL, false, true, false, false, false, false, true, '2024-06-01', '2026-06-30', 'ended', '职业教育实习岗位6个，捐赠康复器材'),
	(4, 5, NULL, 6, false, false, true, true, false, false, false, '2025-09-01', NULL, 'active', '家长培训与一对一结对'),
	(5, 6, 101, NULL, true, false, false, false, false, false, true, '2026-12-01', NULL, 'proposed', '辅具配备经费，待区残联审批'),
	(6, 2, NULL, 6, false, false, false, true, false, false, false, '2022-09-01', NULL, 'active', NULL);

INSERT INTO iedesk.activity (id, consortium_id, partnership_id, school_id, kind, title, held_on, place, organisers, parents, teachers, students, partners, notes) VALUES
	(1, 6, NULL, 1, 'parents-meeting', '秋季学期融合教育家长会', '2026-09-20', '怀柔区第一小学报告厅', '学校德育处、家长委员会', 86, 12, 0, 2, '介绍随班就读支持与资源教室'),
	(2, 6, 4, 1, 'volunteering', '家长志愿者陪读培训', '2026-10-15', '怀柔区第一小学资源教室', '家长委员会、京北心智障碍者家庭支持中心', 18, 3, 0, 4, NULL),
	(3, 5, 1, 202, 'joint-training', '京冀融合教育资源教师联合培训', '2026-07-10', '滦平县特殊教育学校', '首都师范大学融合教育研究中心', 0, 45, 0, 6, '三地资源教师共45人'),
	(4, 5, NULL, 102, 'exchange-visit', '滦平县教师到密云区特殊教育学校交流访问', '2026-11-05', '密云区特殊教育学校', '京冀融合教育协作联盟', 0, 16, 0, 0, NULL),
	(5, NULL, 2, 1, 'open-day', '社区融合开放日', '2026-06-01', '怀柔区第一小学', '泉河街道社区服务中心', 40, 10, 120, 15, NULL),
	(6, NULL, 3, 8, 'other', '康复器材捐赠与使用培训', '2025-12-10', '怀柔区特殊教育学校', '雁栖康复器材有限公司', 6, 14, 0, 3, NULL);

-- Move every identity sequence past the explicit ids above.
SELECT setval(pg_get_serial_sequence('iedesk.district', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.district;
SELECT setval(pg_get_serial_sequence('iedesk.school', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.school;
SELECT setval(pg_get_serial_sequence('iedesk.person', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.person;
SELECT setval(pg_get_serial_sequence('iedesk.manager_appointment', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.manager_appointment;
SELECT setval(pg_get_serial_sequence('iedesk.training', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.training;
SELECT setval(pg_get_serial_sequence('iedesk.training_attendance', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.training_attendance;
SELECT setval(pg_get_serial_sequence('iedesk.consortium', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.consortium;
SELECT setval(pg_get_serial_sequence('iedesk.consortium_member', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.consortium_member;
SELECT setval(pg_get_serial_sequence('iedesk.shared_resource', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.shared_resource;
SELECT setval(pg_get_serial_sequence('iedesk.meeting', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.meeting;
SELECT setval(pg_get_serial_sequence('iedesk.meeting_attendee', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.meeting_attendee;
SELECT setval(pg_get_serial_sequence('iedesk.agenda_item', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.agenda_item;
SELECT setval(pg_get_serial_sequence('iedesk.decision', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.decision;
SELECT setval(pg_get_serial_sequence('iedesk.action_item', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.action_item;
SELECT setval(pg_get_serial_sequence('iedesk.inspection', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.inspection;
SELECT setval(pg_get_serial_sequence('iedesk.finding', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.finding;
SELECT setval(pg_get_serial_sequence('iedesk.student_case', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.student_case;
SELECT setval(pg_get_serial_sequence('iedesk.iep', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.iep;
SELECT setval(pg_get_serial_sequence('iedesk.iep_goal', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.iep_goal;
SELECT setval(pg_get_serial_sequence('iedesk.audit_log', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.audit_log;
SELECT setval(pg_get_serial_sequence('iedesk.region', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.region;
SELECT setval(pg_get_serial_sequence('iedesk.partner', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.partner;
SELECT setval(pg_get_serial_sequence('iedesk.partnership', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.partnership;
SELECT setval(pg_get_serial_sequence('iedesk.committee_member', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.committee_member;
SELECT setval(pg_get_serial_sequence('iedesk.activity', 'id'), coalesce(max(id), 0) + 1, false) FROM iedesk.activity;
