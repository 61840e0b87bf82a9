package org.pravah.store;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a write requires of the current revision (RFC 9110 §13.1.1 If-Match and §13.1.2 If-None-Match, with the
 * revision as the entity tag). Checked inside the write's transaction, with the row locked, so two writers that
 * both read revision 3 cannot both replace it: the second gets a conflict instead of overwriting the first.
 *
 * @param ifMatch     empty: no requirement; otherwise the write needs a live article whose revision is in the set
 *                    ({@code anyRevision} instead: any live article)
 * @param ifNoneMatch empty: no requirement; otherwise the write needs no live article with a revision in the set
 *                    ({@code anyRevision}: no live article at all, i.e. create only)
 */
public record Precondition(Optional<Revisions> ifMatch, Optional<Revisions> ifNoneMatch) {
    public static final Precondition NONE = new Precondition(Optional.empty(), Optional.empty());

    /** A set of revisions, or every revision ({@code *}). */
    public record Revisions(boolean anyRevision, Set<Long> revisions) {
        public static final Revisions ANY = new Revisions(true, Set.of());

        public Revisions {
            revisions = Set.copyOf(revisions);
        }

        public static Revisions of(long... revisions) {
            return new Revisions(false, Arrays.stream(revisions).boxed().collect(Collectors.toSet()));
        }

        boolean matches(long revision) {
            return anyRevision || revisions.contains(revision);
        }
    }

    public static Precondition ifMatch(long revision) {
        return new Precondition(Optional.of(Revisions.of(revision)), Optional.empty());
    }

    /** Create only: fails when the article exists. */
    public static Precondition ifAbsent() {
        return new Precondition(Optional.empty(), Optional.of(Revisions.ANY));
    }

    /** @param current the revision of the live article, empty when there is none (never written, or deleted) */
    public boolean allows(OptionalLong current) {
        if (ifMatch.isPresent() && (current.isEmpty() || !ifMatch.get().matches(current.getAsLong()))) {
            return false;
        }
        return ifNoneMatch.isEmpty() || current.isEmpty() || !ifNoneMatch.get().matches(current.getAsLong());
    }
}
