package nmc.targets.reference;

import nmc.ir.Decls.AssignOp;

/** The assignment operators of resets and on-spike blocks. */
final class Assigns {
  private Assigns() {}

  static final int SET = AssignOp.SET.ordinal(), ADD = AssignOp.ADD.ordinal(), SUB = AssignOp.SUB.ordinal(), MUL = AssignOp.MUL.ordinal();

  static double apply(int op, double old, double value) {
    if (op == SET) return value;
    if (op == ADD) return old + value;
    if (op == SUB) return old - value;
    return old * value;
  }
}
