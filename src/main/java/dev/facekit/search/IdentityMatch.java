package dev.facekit.search;

/**
 * The closest stored embedding of one identity to a query.
 *
 * @param identity the identity's number, as given to {@link ExactSearch}
 * @param row the stored row that came closest
 * @param distance the distance from the query to that row, in the search's metric
 */
public record IdentityMatch(int identity, int row, double distance) {}
