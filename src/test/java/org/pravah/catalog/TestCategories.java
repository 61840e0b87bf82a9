package org.pravah.catalog;

import java.util.List;
import org.pravah.config.CategoryConfig;

/** The category tree of {@code feeds-config.yaml}, written out as config records. */
public final class TestCategories {
    private TestCategories() {
    }

    public static List<CategoryConfig> feedsConfig() {
        return List.of(
                category("desh", "देश", "देश भर की ख़बरें", List.of("India", "National", "भारत", "राष्ट्रीय"),
                        category("rajya", "राज्य", "", List.of("States", "State"))),
                category("videsh", "विदेश", "दुनिया भर की ख़बरें", List.of("World", "दुनिया", "अंतरराष्ट्रीय"),
                        category("asia", "एशिया", "", List.of("Asia")),
                        category("america", "अमेरिका", "", List.of("America", "USA"))),
                category("khel", "खेल", "", List.of("Sports", "Sport"),
                        category("cricket", "क्रिकेट", "", List.of("Cricket"))),
                category("vyapar", "व्यापार", "", List.of("Business", "बिज़नेस", "कारोबार")),
                category("manoranjan", "मनोरंजन", "", List.of("Entertainment", "बॉलीवुड")),
                category("takneek", "तकनीक", "", List.of("Technology", "Tech", "टेक्नोलॉजी")),
                category("swasthya", "स्वास्थ्य", "", List.of("Health")));
    }

    public static CategoryTree tree() {
        return new CategoryTree(feedsConfig());
    }

    private static CategoryConfig category(String slug, String label, String description, List<String> aliases,
                                           CategoryConfig... children) {
        return new CategoryConfig(slug, label, description, aliases, List.of(children));
    }
}
