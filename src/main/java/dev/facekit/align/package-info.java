/**
 * Alignment: maps a face's five landmarks onto a canonical template with a similarity transform and
 * cuts the face chip that an embedding model expects.
 */
package dev.facekit.align;
