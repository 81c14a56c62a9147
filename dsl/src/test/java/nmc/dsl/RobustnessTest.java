package nmc.dsl;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import nmc.diag.UserError;
import nmc.dsl.parser.SnnLexer;
import nmc.ir.Network;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

/**
 * Mutated programs (the samples' tokens with 1 to 3 random deletions, insertions from the samples' vocabulary
 * and swaps) must each end in a {@link Network} or a {@link UserError}: never another exception, never a hang.
 */
class RobustnessTest {
  static final int EXAMPLES = 10_000;

  /** The tokens of each sample, line breaks included, comments left out. */
  static final List<List<String>> SAMPLES = new ArrayList<>();
  static final List<String> VOCABULARY;

  static {
    LinkedHashSet<String> vocab = new LinkedHashSet<>();
    for (String name : Samples.NAMES) {
      SnnLexer lexer = new SnnLexer(CharStreams.fromString(Samples.text(name)));
      List<String> tokens = new ArrayList<>();
      for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
        String text = t.getType() == SnnLexer.NL ? "\n" : t.getText();
        tokens.add(text);
        vocab.add(text);
      }
      SAMPLES.add(tokens);
    }
    VOCABULARY = List.copyOf(vocab);
  }

  static String join(List<String> tokens) {
    StringBuilder sb = new StringBuilder();
    for (String t : tokens) sb.append(t).append(t.equals("\n") ? "" : " ");
    return sb.toString();
  }

  /** 1 to 3 random edits of one sample, all drawn from {@code seed}. */
  static String mutate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> t = new ArrayList<>(SAMPLES.get(r.nextInt(SAMPLES.size())));
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int i = r.nextInt(t.size());
      switch (r.nextInt(3)) {
        case 0 -> t.remove(i);
        case 1 -> t.add(i, VOCABULARY.get(r.nextInt(VOCABULARY.size())));
        default -> {
          int j = r.nextInt(t.size());
          String a = t.get(i);
          t.set(i, t.get(j));
          t.set(j, a);
        }
      }
      if (t.isEmpty()) t.add("\n");
    }
    return join(t);
  }

  /** The token stream rebuilt as text is itself a valid program, so mutations start from valid input. */
  @Test
  void unmutatedTokensStillLowerToANetwork() {
    for (int i = 0; i < SAMPLES.size(); i++) {
      Network n = Frontend.parse(Samples.NAMES.get(i) + ".snn", join(SAMPLES.get(i)));
      assertNotNull(n);
    }
  }

  @Test
  void mutatedProgramsEndInANetworkOrAUserError() {
    int[] outcomes = new int[2];
    assertTimeoutPreemptively(Duration.ofMinutes(5), () -> qt().withFixedSeed(42L).withExamples(EXAMPLES)
        .forAll(longs().all())
        .checkAssert(seed -> {
          String program = mutate(seed);
          try {
            Frontend.parse("mutant.snn", program);
            outcomes[0]++;
          } catch (UserError e) {
            // every diagnostic is complete: a message, and a place unless it belongs to no file
            e.diagnostics().forEach(d -> {
              if (d.message().isBlank()) throw new AssertionError("empty message for:\n" + program);
            });
            outcomes[1]++;
          } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("mutant crashed the front end with " + e + ":\n" + program, e);
          }
        }));
    // both outcomes occur, so the mutations neither always break nor never touch the programs
    if (outcomes[0] == 0 || outcomes[1] == 0) {
      throw new AssertionError("suspicious mutation mix: " + outcomes[0] + " networks, " + outcomes[1] + " errors");
    }
    System.out.println("robustness: " + outcomes[0] + " networks, " + outcomes[1] + " user errors of " + EXAMPLES);
  }
}
