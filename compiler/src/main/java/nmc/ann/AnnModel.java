package nmc.ann;

import java.util.ArrayList;
import java.util.List;
import nmc.ir.Span;

/**
 * An ANN as declared in the language: the shape of one input example, the layers in order, and how to train
 * it. Shapes are consistent (the front end checks them with {@link #shapes}).
 */
public record AnnModel(String name, Shape input, List<Layer> layers, Training training, Span span) {
  public AnnModel {
    layers = List.copyOf(layers);
  }

  /** The output shape of every layer ({@code shapes().get(i)} is after layer i). Throws on an inconsistent model. */
  public List<Shape> shapes() {
    List<Shape> out = new ArrayList<>();
    Shape s = input;
    for (Layer l : layers) {
      ShapeCheck.Result r = ShapeCheck.apply(l, s);
      if (r.error() != null) throw new IllegalStateException(r.error());
      s = r.shape();
      out.add(s);
    }
    return out;
  }

  public Shape output() {
    List<Shape> s = shapes();
    return s.isEmpty() ? input : s.getLast();
  }
}
