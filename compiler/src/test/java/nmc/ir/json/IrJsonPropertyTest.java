package nmc.ir.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import nmc.ir.Network;
import org.junit.jupiter.api.Test;

/** Round trips of random networks through the IR JSON (every record, sealed variant and awkward value). */
class IrJsonPropertyTest {

  @Test
  void parseOfPrintGivesBackTheNetwork() {
    qt().withFixedSeed(42L).withExamples(600)
        .forAll(RandomIr.networks())
        .checkAssert(net -> assertEquals(net, IrJson.parse(IrJson.print(net))));
  }

  @Test
  void printIsAFixedPointOfParse() {
    qt().withFixedSeed(7L).withExamples(500)
        .forAll(RandomIr.networks())
        .checkAssert(net -> {
          String text = IrJson.print(net);
          assertEquals(text, IrJson.print(IrJson.parse(text)));
        });
  }

  @Test
  void compactAndPrettyTextReadTheSame() {
    qt().withFixedSeed(11L).withExamples(200)
        .forAll(RandomIr.networks())
        .checkAssert(net -> {
          Json j = IrJson.toJson(net);
          Network back = IrJson.decode(Json.parse(Json.printCompact(j)), Network.class);
          assertEquals(net, back);
        });
  }
}
