/** A measurement that cannot be taken yet: reported as such, never as a number. */
export class Unavailable extends Error {
  /** @param {string} reason */
  constructor(reason) {
    super(reason);
    this.name = "Unavailable";
  }
}
