package lodestone.regime.measure;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Something a condition tests about an entry line. All tests of one condition must hold.
 * These mirror the TARIC condition codes that matter for this regime: documents, preference,
 * declared price against a reference price, content shares, dates, producers.
 */
public sealed interface Test {

    /** The line's holder presents this document (certificate, invoice, declaration). */
    record DocumentHeld(String code) implements Test { }

    /** The document is not presented. */
    record DocumentMissing(String code) implements Test { }

    /** A preference under this program is claimed and the origin is eligible for it. */
    record PreferenceClaimed(String program) implements Test { }

    /** The declared unit price (per unit of content when the price names a basis) is below the price. */
    record UnitPriceBelow(Price price) implements Test { }

    /** The declared unit price is at or above the price (the steps of an entry-price ladder). */
    record UnitPriceAtLeast(Price price) implements Test { }

    /** US-content value is at least this share of the customs value (e.g. 20 %). */
    record UsContentShareAtLeast(BigDecimal percent) implements Test { }

    /** Loaded on the vessel (or final mode of transport) before this date. */
    record LoadedBefore(LocalDate date) implements Test { }

    /** Entered for consumption before this date. */
    record EnteredBefore(LocalDate date) implements Test { }

    /** The producer is named on this entity list (e.g. the UFLPA Entity List). */
    record ProducerOnList(String list) implements Test { }

    /** The producer is one of these (named producers or TARIC additional codes). */
    record ProducerIn(List<String> producers) implements Test { }

    /** The country of export is this country or a member of this group. */
    record ExportedFrom(String token) implements Test { }

    /**
     * The goods, or any of their inputs, were mined, produced or manufactured wholly or in part in one of these regions:
     * one of the line's declared production regions is among them. A line that declares no regions does not meet it
     * (the assessor then warns when the origin is a region's country: docs/regime-format.md, "Regions and end uses").
     */
    record ProducedIn(java.util.List<lodestone.regime.geo.Region> regions) implements Test {
        public ProducedIn {
            regions = java.util.List.copyOf(regions);
        }
    }

    /** The line declares one of these end uses (for use in civil aircraft…). */
    record EndUseIn(java.util.List<EndUse> uses) implements Test {
        public EndUseIn {
            uses = java.util.List.copyOf(uses);
        }
    }
}
