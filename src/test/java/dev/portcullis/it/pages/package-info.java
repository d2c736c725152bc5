/**
 * Page objects of the browser tests: each names one page's fields and buttons and the steps a
 * person takes on it, so a change to a page is mended in one place. {@link
 * dev.portcullis.it.pages.Customer} is the fixture that plays a customer through them.
 */
package dev.portcullis.it.pages;
