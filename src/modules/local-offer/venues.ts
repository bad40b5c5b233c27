import type { Repositories } from '../../db/repositories.ts';
import type { Listing } from './domain/listing.ts';
import { parsePostcode, type ParsedPostcode } from './domain/postcode.ts';

/** A postcode's centre, or its district's when the full postcode is not in the table. */
export async function findPostcodeOrDistrict(repos: Repositories, parsed: ParsedPostcode) {
  return (
    (await repos.localOffer.findPostcode(parsed.code)) ??
    (parsed.kind === 'unit' ? await repos.localOffer.findPostcode(parsed.outward) : undefined)
  );
}

/** Venues without a map position are placed at their postcode (or its district) when it is known. */
export async function placeVenuesByPostcode(repos: Repositories, listing: Listing): Promise<Listing> {
  if (listing.locations.every((l) => l.latitude !== undefined && l.longitude !== undefined)) return listing;
  const locations = [];
  for (const location of listing.locations) {
    if (location.latitude !== undefined && location.longitude !== undefined) {
      locations.push(location);
      continue;
    }
    const parsed = parsePostcode(location.postcode);
    const found = parsed ? await findPostcodeOrDistrict(repos, parsed) : undefined;
    // Only a position the listing schema accepts (Great Britain and Northern Ireland).
    const inBounds =
      found && found.latitude >= 49 && found.latitude <= 61 && found.longitude >= -9 && found.longitude <= 3;
    locations.push(
      inBounds ? { ...location, latitude: found.latitude, longitude: found.longitude } : location,
    );
  }
  return { ...listing, locations };
}
