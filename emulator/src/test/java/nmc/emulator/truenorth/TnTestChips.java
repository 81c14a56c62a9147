package nmc.emulator.truenorth;

/** TrueNorth chip variants for tests (a user would edit a copy of the description file instead). */
final class TnTestChips {
  private TnTestChips() {}

  static TrueNorthSpec truenorth() {
    return TrueNorthSpec.load("truenorth");
  }

  static TrueNorthSpec withOverflow(TrueNorthSpec c, TrueNorthSpec.Overflow o) {
    return new TrueNorthSpec(c.name(), c.origin(), c.description(), c.mesh(), c.board(), c.tickSeconds(), c.core(),
        c.formats(), o, c.noc(), c.defaultProfile(), c.profiles(), c.typicalWatts());
  }

  /** A smaller mesh (tests that need several cores but not 4,096 routers). */
  static TrueNorthSpec withMesh(TrueNorthSpec c, int x, int y) {
    return new TrueNorthSpec(c.name(), c.origin(), c.description(), new nmc.emulator.chip.ChipSpec.Mesh(x, y, 1), c.board(),
        c.tickSeconds(), c.core(), c.formats(), c.overflow(), c.noc(), c.defaultProfile(), c.profiles(), c.typicalWatts());
  }
}
