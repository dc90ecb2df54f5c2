// The citizen journey in Chromium with JavaScript on: every page hydrates, and forms are
// checked in the browser and sent in the background.

import { describeCitizenJourney } from '../lib/journey.js';

describeCitizenJourney({
  title: 'citizen journey, hydrated',
  javaScript: true,
  citizen: {
    phone: '+7 912 100-00-01',
    phoneE164: '+79121000001',
    phoneForSignIn: '8 (912) 100-00-01',
    phoneDisplayed: '+7 912 100-00-01',
    // A landline code: mobile numbers start with 9 after the country code.
    badPhone: '+7 812 100-00-01',
    password: 'Tr0pinka-Lesnaya7',
    surname: 'Соколова',
    newSurname: 'Орлова',
    givenName: 'Мария',
    patronymic: 'Андреевна',
    displayName: 'Мария Андреевна',
    birthDate: '1991-04-12',
    birthPlace: 'г. Тверь',
    formerNames: 'Соколова Мария Андреевна, до 2015 года',
    snils: '151-515-151 24',
    badSnils: '151-515-151 25',
    inn: '500500500559',
    badInn: '500500500558',
    email: 'maria.orlova@example.ru',
    officialComment: 'Приложите скан страницы с регистрацией',
  },
});
