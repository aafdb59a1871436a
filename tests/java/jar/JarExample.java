// The README's Java example, run by the java_jar_package test with only
// hashset.jar on the class path: the JNI library comes out of the jar.
import io.hashset.HashSet;
import java.util.Arrays;

public final class JarExample {
  public static void main(String[] args) {
    try (HashSet s = HashSet.of(1, 2, Long.MIN_VALUE)) {
      s.add(Long.MAX_VALUE); boolean has = s.contains(2L); long[] all = s.collect();
      Arrays.sort(all);
      StringBuilder line = new StringBuilder(has + " " + s.size());
      for (long v : all) line.append(' ').append(v);
      System.out.println(line);
    }
  }
}
