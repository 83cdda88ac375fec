package org.gongjian.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.gongjian.personaldata.IdNumbers;

/**
 * Generates residents grouped in households: surnames weighted like the national distribution,
 * ages skewed towards the elderly (as in most old neighbourhoods), valid and unique ID numbers of
 * one district, mobile numbers, party members and volunteers in plausible shares.
 */
public final class DemoPeople {

    /** The most common surnames, most common first (weights fall with the rank). */
    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余",
        "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "卢"
    };

    private static final String[] MALE = {
        "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "斌", "宇", "建国", "建华",
        "国强", "志强", "海涛", "俊杰", "子轩", "浩然", "宇航", "文博", "德明", "振华", "永刚", "立新"
    };
    private static final String[] FEMALE = {
        "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "玲", "燕", "红", "琳", "婷", "雪", "慧", "颖", "倩", "洁", "萍", "梅", "秀英", "秀兰",
        "桂英", "玉兰", "淑珍", "丽华", "春梅", "晓燕", "欣怡", "梓涵", "诗琪", "雨萱", "佳怡", "子涵"
    };
    private static final String[] TAGS = {"低保户", "独居老人", "残疾人", "退役军人", "留守儿童", "空巢老人", "失业人员", "优抚对象"};
    private static final String[] SKILLS = {"理发", "家电维修", "法律咨询", "心理疏导", "书法", "医疗护理", "摄影", "编程", "厨艺", "义诊"};
    private static final String REGION = "420102"; // a district code: every demo ID number shares it

    private final Random random;
    private final LocalDate today;
    private final Set<String> idNumbers = new HashSet<>();

    public DemoPeople(long seed, LocalDate today) {
        this.random = new Random(seed);
        this.today = today;
    }

    /** One household of one to five residents living at {@code address}. */
    public List<Person> household(String address) {
        List<Person> people = new ArrayList<>();
        String surname = surname();
        int size = weighted(new int[] {18, 34, 26, 15, 7}) + 1;
        int headAge = 30 + random.nextInt(55);
        boolean headMale = random.nextInt(10) < 6;
        people.add(person(surname, headMale, headAge, "HEAD", address));
        if (size > 1) {
            int spouseAge = Math.max(22, headAge + random.nextInt(7) - 3);
            people.add(person(surname(), !headMale, spouseAge, "SPOUSE", address));
        }
        for (int i = 2; i < size; i++) {
            if (headAge > 55 && i == size - 1 && random.nextBoolean()) {
                people.add(person(surname, random.nextBoolean(), headAge - 28 - random.nextInt(6), "CHILD", address));
            } else if (headAge < 50 && i == 2 && random.nextInt(3) == 0) {
                people.add(person(
                        surname,
                        random.nextBoolean(),
                        Math.min(95, headAge + 25 + random.nextInt(8)),
                        "PARENT",
                        address));
            } else {
                people.add(person(
                        surname,
                        random.nextBoolean(),
                        Math.max(1, headAge - 22 - random.nextInt(12)),
                        "CHILD",
                        address));
            }
        }
        return people;
    }

    private Person person(String surname, boolean male, int age, String relation, String address) {
        String[] givenNames = male ? MALE : FEMALE;
        String name = surname + givenNames[random.nextInt(givenNames.length)];
        LocalDate birth = today.minusYears(age).minusDays(random.nextInt(365));
        String id = idNumber(birth, male);
        String phone = age >= 12 && random.nextInt(10) < 9 ? phone() : null;
        String partyStatus = null;
        LocalDate partyJoined = null;
        if (age >= 18) {
            int roll = random.nextInt(100);
            if (roll < 12) {
                partyStatus = "FULL";
                partyJoined = birth.plusYears(20 + random.nextInt(Math.max(1, Math.min(30, age - 19))));
                if (partyJoined.isAfter(today)) {
                    partyJoined = today.minusYears(1);
                }
            } else if (roll < 14) {
                partyStatus = "PROBATIONARY";
                partyJoined = today.minusMonths(1 + random.nextInt(11));
            } else if (roll < 17) {
                partyStatus = "ACTIVIST";
            }
        }
        boolean volunteer = age >= 16 && age <= 80 && random.nextInt(100) < 30;
        List<String> tags = new ArrayList<>();
        if (age >= 70 && random.nextInt(4) == 0) {
            tags.add(random.nextBoolean() ? "独居老人" : "空巢老人");
        }
        if (random.nextInt(40) == 0) {
            tags.add(TAGS[random.nextInt(TAGS.length)]);
        }
        return new Person(
                name,
                male ? "MALE" : "FEMALE",
                birth,
                id,
                phone,
                address,
                relation,
                partyStatus,
                partyJoined,
                volunteer,
                volunteer ? today.minusDays(30 + random.nextInt(2000)) : null,
                volunteer && random.nextInt(3) == 0 ? SKILLS[random.nextInt(SKILLS.length)] : null,
                tags.stream().distinct().toList());
    }

    private String surname() {
        // rank r is chosen with weight 1 / (r + 4): the top surnames dominate, the tail still appears
        double total = 0;
        for (int r = 0; r < SURNAMES.length; r++) {
            total += 1.0 / (r + 4);
        }
        double pick = random.nextDouble() * total;
        for (int r = 0; r < SURNAMES.length; r++) {
            pick -= 1.0 / (r + 4);
            if (pick <= 0) {
                return SURNAMES[r];
            }
        }
        return SURNAMES[0];
    }

    private String idNumber(LocalDate birth, boolean male) {
        while (true) {
            int sequence = random.nextInt(500) * 2 + (male ? 1 : 0);
            String first17 = REGION + birth.toString().replace("-", "") + String.format("%03d", sequence);
            String id = first17 + IdNumbers.checkCharacter(first17);
            if (idNumbers.add(id)) {
                return id;
            }
        }
    }

    private String phone() {
        String[] prefixes = {
            "130", "131", "133", "135", "136", "137", "138", "139", "150", "151", "152", "158", "159", "176", "177",
            "180", "186", "187", "188", "189", "199"
        };
        return prefixes[random.nextInt(prefixes.length)] + String.format("%08d", random.nextInt(100_000_000));
    }

    private int weighted(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** One generated resident; {@code relation} is HEAD, SPOUSE, PARENT or CHILD. */
    public record Person(
            String name,
            String gender,
            LocalDate birthDate,
            String idNumber,
            String phone,
            String address,
            String relation,
            String partyStatus,
            LocalDate partyJoinedOn,
            boolean volunteer,
            LocalDate volunteerSince,
            String skills,
            List<String> tags) {}
}
