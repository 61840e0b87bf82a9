package org.pravah.compact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyedTableTest {
    /** A value that carries its key, as an article carries its own. */
    record Khabar(String key, int version) {
    }

    @Test
    void a_value_is_found_by_its_key_and_a_new_one_of_the_same_key_replaces_it() {
        KeyedTable<Khabar> table = new KeyedTable<>(Khabar::key);
        Khabar first = new Khabar("local/बारिश", 1);
        Khabar second = new Khabar("local/बारिश", 2);

        assertNull(table.put(first));
        assertSame(first, table.put(second));

        assertSame(second, table.get("local/बारिश"));
        assertEquals(1, table.size());
        assertNull(table.get("local/धूप"));
    }

    @Test
    void after_many_puts_and_removals_it_holds_exactly_what_a_hash_map_would() {
        KeyedTable<Khabar> table = new KeyedTable<>(Khabar::key);
        Map<String, Khabar> model = new HashMap<>();
        Random random = new Random(42);
        // few distinct keys, so that removals often hit runs of colliding slots and shift values back
        for (int step = 0; step < 200_000; step++) {
            String key = "local/ख़बर-" + random.nextInt(3_000);
            if (random.nextInt(3) == 0) {
                assertSame(model.remove(key), table.remove(key), "removing " + key);
            } else {
                Khabar k = new Khabar(key, step);
                assertSame(model.put(key, k), table.put(k), "putting " + key);
            }
        }

        assertEquals(model.size(), table.size());
        for (Map.Entry<String, Khabar> e : model.entrySet()) {
            assertSame(e.getValue(), table.get(e.getKey()));
            assertTrue(table.containsKey(e.getKey()));
        }
        assertEquals(new HashSet<>(model.values()), new HashSet<>(table.values()));
        assertEquals(model.size(), table.values().size());
    }

    @Test
    void a_table_made_ready_for_many_values_keeps_the_ones_it_held_and_finds_every_one_put_after() {
        KeyedTable<String> table = new KeyedTable<>(s -> s.substring(0, s.indexOf('=')));
        table.put("पहला=1");
        table.expect(10_000);
        for (int i = 0; i < 10_000; i++) {
            table.put("लेख-" + i + "=" + i);
        }

        assertEquals(10_001, table.size());
        assertEquals("पहला=1", table.get("पहला"));
        for (int i = 0; i < 10_000; i++) {
            assertEquals("लेख-" + i + "=" + i, table.get("लेख-" + i));
        }
    }

    @Test
    void a_removed_value_is_gone_and_the_table_empties() {
        KeyedTable<Khabar> table = new KeyedTable<>(Khabar::key, 10);
        for (int i = 0; i < 100; i++) {
            table.put(new Khabar("k" + i, i));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(i, table.remove("k" + i).version());
            assertFalse(table.containsKey("k" + i));
        }
        assertTrue(table.isEmpty());
        assertFalse(table.values().iterator().hasNext());
        assertNull(table.remove("k1"));
    }
}
