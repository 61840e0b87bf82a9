package org.pravah.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import org.pravah.article.LanguageTag;

/**
 * The words of the site's pages in the site's language, from {@code messages/<language>.properties} (UTF-8), chosen
 * by the primary subtag of {@code site.language} ({@code hi-IN} reads {@code hi}). A language without a file reads
 * English, and a key its file lacks is taken from English: a half-translated site shows English, never a key.
 * Keys ending in {@code .html} hold markup and are written as they are; every other message is text the templates
 * escape.
 */
public final class Messages {
    static final String FALLBACK = "en";
    private static final Map<String, Messages> LOADED = new ConcurrentHashMap<>();

    private final String language;
    private final ResourceBundle own;
    private final ResourceBundle english;

    private Messages(String language, ResourceBundle own, ResourceBundle english) {
        this.language = language;
        this.own = own;
        this.english = english;
    }

    /** The messages for a site language; the files are read once per language. */
    public static Messages of(LanguageTag language) {
        String primary = language.value().split("-", 2)[0].toLowerCase(Locale.ROOT);
        return LOADED.computeIfAbsent(primary, p -> {
            ResourceBundle english = bundle(FALLBACK).orElseThrow(
                    () -> new IllegalStateException("messages/" + FALLBACK + ".properties is missing from the jar"));
            return bundle(p).map(own -> new Messages(p, own, english)).orElseGet(() -> new Messages(FALLBACK, english,
                    english));
        });
    }

    /** The language whose file is read first: the site's primary subtag, or {@code en} when there is no file for it. */
    public String language() {
        return language;
    }

    /** The message under {@code key}. */
    public String get(String key) {
        if (own.containsKey(key)) {
            return own.getString(key);
        }
        try {
            return english.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no message '" + key + "' in messages/" + language
                    + ".properties nor in messages/" + FALLBACK + ".properties", e);
        }
    }

    /**
     * The message under {@code key} with {@code {0}}, {@code {1}}… replaced by {@code args}. Unlike
     * {@link java.text.MessageFormat}, an apostrophe is only an apostrophe ("today's"), so translators need no
     * quoting rules.
     */
    public String get(String key, Object... args) {
        String message = get(key);
        for (int i = 0; i < args.length; i++) {
            message = message.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return message;
    }

    private static Optional<ResourceBundle> bundle(String language) {
        String path = "/messages/" + language + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            // Properties would read ISO-8859-1; the files are UTF-8 so that Hindi stays readable in them
            return Optional.of(new PropertyResourceBundle(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("messages file " + path + " could not be read", e);
        }
    }
}
